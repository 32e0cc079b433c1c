/* DEPTHWISE_CONV_2D computed in place (see mg_kernels.h). The arithmetic is mg_depthwise_conv2d_s8's. Writing output
 * channel c touches only channel-c bytes of the shared buffer, which were saved to scratch first. */
#include "mg_kernels.h"

void mg_depthwise_conv2d_s8_inplace(const mg_depthwise_conv2d_s8_params *p, int8_t *data, int8_t *scratch)
{
    const int32_t channels = p->in_c;
    for (int32_t c = 0; c < channels; ++c) {
        for (int32_t i = 0; i < p->in_h * p->in_w; ++i) {
            scratch[i] = data[i * channels + c];
        }
        for (int32_t out_y = 0; out_y < p->out_h; ++out_y) {
            const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
            for (int32_t out_x = 0; out_x < p->out_w; ++out_x) {
                const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
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
                        acc += p->filter[(ky * p->k_w + kx) * channels + c] * (scratch[in_y * p->in_w + in_x] + p->input_offset);
                    }
                }
                if (p->bias) {
                    acc += p->bias[c];
                }
                acc = mg_requantize(acc, p->multiplier[c], p->shift[c]) + p->output_offset;
                data[(out_y * p->out_w + out_x) * channels + c] = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
            }
        }
    }
}
