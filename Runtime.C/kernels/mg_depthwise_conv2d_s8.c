/* DEPTHWISE_CONV_2D int8: TFLM reference_integer_ops::DepthwiseConvPerChannel. */
#include "mg_kernels.h"

void mg_depthwise_conv2d_s8(const mg_depthwise_conv2d_s8_params *p, const int8_t *input, int8_t *output)
{
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t out_y = 0; out_y < p->out_h; ++out_y) {
            const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
            for (int32_t out_x = 0; out_x < p->out_w; ++out_x) {
                const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
                for (int32_t ic = 0; ic < p->in_c; ++ic) {
                    for (int32_t m = 0; m < p->depth_multiplier; ++m) {
                        const int32_t oc = m + ic * p->depth_multiplier;
                        int32_t acc = 0;
                        for (int32_t ky = 0; ky < p->k_h; ++ky) {
                            const int32_t in_y = in_y_origin + p->dil_h * ky;
                            for (int32_t kx = 0; kx < p->k_w; ++kx) {
                                const int32_t in_x = in_x_origin + p->dil_w * kx;
                                if (in_x >= 0 && in_x < p->in_w && in_y >= 0 && in_y < p->in_h) {
                                    const int32_t value = input[((b * p->in_h + in_y) * p->in_w + in_x) * p->in_c + ic];
                                    acc += p->filter[(ky * p->k_w + kx) * p->out_c + oc] * (value + p->input_offset);
                                }
                            }
                        }
                        if (p->bias) {
                            acc += p->bias[oc];
                        }
                        acc = mg_requantize(acc, p->multiplier[oc], p->shift[oc]) + p->output_offset;
                        output[((b * p->out_h + out_y) * p->out_w + out_x) * p->out_c + oc] = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
}
