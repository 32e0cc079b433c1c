/* AVERAGE_POOL_2D and MAX_POOL_2D int8: TFLM reference_integer_ops::AveragePool / MaxPool. The average divides
 * the sum of the in-image pixels by their count, rounding half away from zero. */
#include "mg_kernels.h"

void mg_avg_pool2d_s8(const mg_pool2d_s8_params *p, const int8_t *input, int8_t *output)
{
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t out_y = 0; out_y < p->out_h; ++out_y) {
            const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
            const int32_t y_start = MG_MAX(0, -in_y_origin);
            const int32_t y_end = MG_MIN(p->k_h, p->in_h - in_y_origin);
            for (int32_t out_x = 0; out_x < p->out_w; ++out_x) {
                const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
                const int32_t x_start = MG_MAX(0, -in_x_origin);
                const int32_t x_end = MG_MIN(p->k_w, p->in_w - in_x_origin);
                const int32_t count = MG_MAX(0, y_end - y_start) * MG_MAX(0, x_end - x_start);
                for (int32_t c = 0; c < p->depth; ++c) {
                    int32_t acc = 0;
                    for (int32_t ky = y_start; ky < y_end; ++ky) {
                        for (int32_t kx = x_start; kx < x_end; ++kx) {
                            acc += input[((b * p->in_h + in_y_origin + ky) * p->in_w + in_x_origin + kx) * p->depth + c];
                        }
                    }
                    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    *output++ = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
                }
            }
        }
    }
}

void mg_max_pool2d_s8(const mg_pool2d_s8_params *p, const int8_t *input, int8_t *output)
{
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t out_y = 0; out_y < p->out_h; ++out_y) {
            const int32_t in_y_origin = out_y * p->stride_h - p->pad_top;
            const int32_t y_start = MG_MAX(0, -in_y_origin);
            const int32_t y_end = MG_MIN(p->k_h, p->in_h - in_y_origin);
            for (int32_t out_x = 0; out_x < p->out_w; ++out_x) {
                const int32_t in_x_origin = out_x * p->stride_w - p->pad_left;
                const int32_t x_start = MG_MAX(0, -in_x_origin);
                const int32_t x_end = MG_MIN(p->k_w, p->in_w - in_x_origin);
                for (int32_t c = 0; c < p->depth; ++c) {
                    int32_t best = -128;
                    for (int32_t ky = y_start; ky < y_end; ++ky) {
                        for (int32_t kx = x_start; kx < x_end; ++kx) {
                            best = MG_MAX(best, input[((b * p->in_h + in_y_origin + ky) * p->in_w + in_x_origin + kx) * p->depth + c]);
                        }
                    }
                    *output++ = (int8_t)MG_CLAMP(best, p->act_min, p->act_max);
                }
            }
        }
    }
}
