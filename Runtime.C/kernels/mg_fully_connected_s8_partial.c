/* FULLY_CONNECTED int8 as a patch stage's reduction tail: the sum of TFLM's reference loop split over the patches of
 * its 4-D input (integer sums do not depend on their order, so the output is byte-identical). */
#include "mg_kernels.h"

void mg_fully_connected_s8_partial_start(const mg_fully_connected_s8_params *p, int32_t *acc)
{
    for (int32_t u = 0; u < p->units; ++u) {
        acc[u] = p->bias ? p->bias[u] : 0;
    }
}

/* Row by row of the patch: each input byte is loaded once for four units at a time. */
void mg_fully_connected_s8_partial_accumulate(const mg_fully_connected_s8_params *p, const int8_t *patch, const mg_region *r,
                                              int32_t width, int32_t channels, int32_t *acc)
{
    const int32_t row_elements = (r->x1 - r->x0) * channels;
    const int32_t input_offset = p->input_offset, filter_offset = p->filter_offset, depth = p->depth;
    for (int32_t y = r->y0; y < r->y1; ++y, patch += row_elements) {
        const int8_t *row_filter = p->filter + (y * width + r->x0) * channels;
        int32_t u = 0;
        for (; u + 4 <= p->units; u += 4) {
            const int8_t *f0 = row_filter + u * depth, *f1 = f0 + depth, *f2 = f1 + depth, *f3 = f2 + depth;
            int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int32_t i = 0; i < row_elements; ++i) {
                const int32_t x = patch[i] + input_offset;
                s0 += (f0[i] + filter_offset) * x;
                s1 += (f1[i] + filter_offset) * x;
                s2 += (f2[i] + filter_offset) * x;
                s3 += (f3[i] + filter_offset) * x;
            }
            acc[u] += s0;
            acc[u + 1] += s1;
            acc[u + 2] += s2;
            acc[u + 3] += s3;
        }
        for (; u < p->units; ++u) {
            const int8_t *f = row_filter + u * depth;
            int32_t sum = 0;
            for (int32_t i = 0; i < row_elements; ++i) {
                sum += (f[i] + filter_offset) * (patch[i] + input_offset);
            }
            acc[u] += sum;
        }
    }
}

void mg_fully_connected_s8_partial_finish(const mg_fully_connected_s8_params *p, const int32_t *acc, int8_t *output)
{
    for (int32_t u = 0; u < p->units; ++u) {
        const int32_t value = mg_requantize(acc[u], p->multiplier[u], p->shift[u]) + p->output_offset;
        output[u] = (int8_t)MG_CLAMP(value, p->act_min, p->act_max);
    }
}
