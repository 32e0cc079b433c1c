/* TRANSPOSE_CONV int8: TFLM reference_integer_ops::TransposeConv (scatter into int32 accumulators). */
#include "mg_kernels.h"

void mg_transpose_conv2d_s8(const mg_transpose_conv2d_s8_params *p, const int8_t *input, int8_t *output, int32_t *scratch)
{
    const int32_t elements = p->batches * p->out_h * p->out_w * p->out_c;
    memset(scratch, 0, (size_t)elements * sizeof(int32_t));
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t in_y = 0; in_y < p->in_h; ++in_y) {
            for (int32_t in_x = 0; in_x < p->in_w; ++in_x) {
                for (int32_t ic = 0; ic < p->in_c; ++ic) {
                    const int32_t value = input[((b * p->in_h + in_y) * p->in_w + in_x) * p->in_c + ic] + p->input_offset;
                    const int32_t out_x_origin = in_x * p->stride_w - p->pad_left;
                    const int32_t out_y_origin = in_y * p->stride_h - p->pad_top;
                    for (int32_t ky = 0; ky < p->k_h; ++ky) {
                        const int32_t out_y = out_y_origin + ky;
                        for (int32_t kx = 0; kx < p->k_w; ++kx) {
                            const int32_t out_x = out_x_origin + kx;
                            if (out_x < 0 || out_x >= p->out_w || out_y < 0 || out_y >= p->out_h) {
                                continue;
                            }
                            for (int32_t oc = 0; oc < p->out_c; ++oc) {
                                scratch[((b * p->out_h + out_y) * p->out_w + out_x) * p->out_c + oc] +=
                                    value * p->filter[((oc * p->k_h + ky) * p->k_w + kx) * p->in_c + ic];
                            }
                        }
                    }
                }
            }
        }
    }
    for (int32_t i = 0; i < elements; ++i) {
        const int32_t oc = i % p->out_c;
        int32_t acc = scratch[i] + (p->bias ? p->bias[oc] : 0);
        acc = mg_requantize(acc, p->multiplier[oc], p->shift[oc]) + p->output_offset;
        output[i] = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
    }
}
