/* FULLY_CONNECTED int8 as a patch stage's reduction tail: the sum of TFLM's reference loop split over the patches of
 * its 4-D input (integer sums do not depend on their order, so the output is byte-identical). */
#include "mg_kernels.h"

void mg_fully_connected_s8_partial_start(const mg_fully_connected_s8_params *p, int32_t *acc)
{
    for (int32_t u = 0; u < p->units; ++u) {
        acc[u] = p->bias ? p->bias[u] : 0;
    }
}

void mg_fully_connected_s8_partial_accumulate(const mg_fully_connected_s8_params *p, const int8_t *patch, const mg_region *r,
                                              int32_t width, int32_t channels, int32_t *acc)
{
    const int32_t row_elements = (r->x1 - r->x0) * channels;
    for (int32_t u = 0; u < p->units; ++u) {
        const int8_t *in = patch;
        int32_t sum = 0;
        for (int32_t y = r->y0; y < r->y1; ++y) {
            const int8_t *f = p->filter + u * p->depth + (y * width + r->x0) * channels;
            for (int32_t i = 0; i < row_elements; ++i) {
                sum += (f[i] + p->filter_offset) * (in[i] + p->input_offset);
            }
            in += row_elements;
        }
        acc[u] += sum;
    }
}

void mg_fully_connected_s8_partial_finish(const mg_fully_connected_s8_params *p, const int32_t *acc, int8_t *output)
{
    for (int32_t u = 0; u < p->units; ++u) {
        const int32_t value = mg_requantize(acc[u], p->multiplier[u], p->shift[u]) + p->output_offset;
        output[u] = (int8_t)MG_CLAMP(value, p->act_min, p->act_max);
    }
}
