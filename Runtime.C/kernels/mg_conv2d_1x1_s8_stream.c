/* 1x1 stride-1 CONV_2D streamed pixel by pixel over overlapping input and output regions (see mg_kernels.h).
 * The arithmetic is mg_conv2d_s8's. */
#include "mg_kernels.h"

void mg_conv2d_1x1_s8_stream(const mg_conv2d_s8_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    const int32_t pixels = p->batches * p->in_h * p->in_w;
    for (int32_t px = 0; px < pixels; ++px) {
        memcpy(scratch, input + px * p->in_c, (size_t)p->in_c);
        int8_t *out = output + px * p->out_c;
        for (int32_t oc = 0; oc < p->out_c; ++oc) {
            const int8_t *f = p->filter + oc * p->in_c;
            int32_t acc = 0;
            for (int32_t ic = 0; ic < p->in_c; ++ic) {
                acc += f[ic] * (scratch[ic] + p->input_offset);
            }
            if (p->bias) {
                acc += p->bias[oc];
            }
            acc = mg_requantize(acc, p->multiplier[oc], p->shift[oc]) + p->output_offset;
            out[oc] = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
        }
    }
}
