/* CONV_2D int8: TFLM reference_integer_ops::ConvPerChannel. Each term is [-127,127] x [-255,255], so windows of
 * up to 2^16 taps fit the int32 accumulator. */
#include "mg_kernels.h"

void mg_conv2d_s8(const mg_conv2d_s8_params *p, const int8_t *input, int8_t *output)
{
    const int32_t groups = p->in_c / p->filter_c;
    const int32_t filters_per_group = p->out_c / groups;
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t out_y = 0; out_y < p->out_h; ++out_y) {
            const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
            for (int32_t out_x = 0; out_x < p->out_w; ++out_x) {
                const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
                for (int32_t oc = 0; oc < p->out_c; ++oc) {
                    const int32_t group_offset = oc / filters_per_group * p->filter_c;
                    int32_t acc = 0;
                    for (int32_t ky = 0; ky < p->k_h; ++ky) {
                        const int32_t in_y = in_y_origin + p->dil_h * ky;
                        if (in_y < 0 || in_y >= p->in_h) {
                            continue;
                        }
                        for (int32_t kx = 0; kx < p->k_w; ++kx) {
                            const int32_t in_x = in_x_origin + p->dil_w * kx;
                            if (in_x < 0 || in_x >= p->in_w) {
                                continue;
                            }
                            const int8_t *in = input + ((b * p->in_h + in_y) * p->in_w + in_x) * p->in_c + group_offset;
                            const int8_t *f = p->filter + ((oc * p->k_h + ky) * p->k_w + kx) * p->filter_c;
                            for (int32_t ic = 0; ic < p->filter_c; ++ic) {
                                acc += f[ic] * (in[ic] + p->input_offset);
                            }
                        }
                    }
                    if (p->bias) {
                        acc += p->bias[oc];
                    }
                    acc = mg_requantize(acc, p->multiplier[oc], p->shift[oc]) + p->output_offset;
                    *output++ = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
                }
            }
        }
    }
}
