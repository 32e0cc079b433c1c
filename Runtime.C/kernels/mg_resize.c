/* RESIZE_NEAREST_NEIGHBOR (TFLM reference_ops::ResizeNearestNeighbor: pixel copies, any type) and RESIZE_BILINEAR
 * (reference_ops::ResizeBilinear for float32, ResizeBilinearInteger for int8), NHWC. The source rows and columns and
 * the interpolation positions are computed at generation time, as TFLM computes them. */
#include "mg_kernels.h"

void mg_resize_nearest(const mg_resize_nearest_params *p, const void *input, void *output)
{
    const uint8_t *in = (const uint8_t *)input;
    uint8_t *out = (uint8_t *)output;
    const int32_t row_bytes = p->in_w * p->pixel_bytes;
    const int32_t batch_bytes = p->in_h * row_bytes;
    for (int32_t b = 0; b < p->batches; ++b) {
        for (int32_t y = 0; y < p->out_h; ++y) {
            const uint8_t *row = in + b * batch_bytes + p->rows[y] * row_bytes;
            for (int32_t x = 0; x < p->out_w; ++x) {
                memcpy(out, row + p->cols[x] * p->pixel_bytes, (size_t)p->pixel_bytes);
                out += p->pixel_bytes;
            }
        }
    }
}

/* int8: weights in 1/1024 units, four int64 products summed, then (sum +- 2^19) / 2^20 truncating toward zero. */
void mg_resize_bilinear_s8(const mg_resize_bilinear_params *p, const int8_t *input, int8_t *output)
{
    const int64_t one = 1 << 10;
    const int32_t row_elements = p->in_w * p->depth;
    const int32_t batch_elements = p->in_h * row_elements;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *batch = input + b * batch_elements;
        for (int32_t y = 0; y < p->out_h; ++y) {
            const int32_t *ry = p->rows + 3 * y;
            const int8_t *row0 = batch + ry[0] * row_elements;
            const int8_t *row1 = batch + ry[1] * row_elements;
            const int64_t dy = ry[2] - one * ry[0];
            for (int32_t x = 0; x < p->out_w; ++x) {
                const int32_t *cx = p->cols + 3 * x;
                const int32_t x0 = cx[0] * p->depth;
                const int32_t x1 = cx[1] * p->depth;
                const int64_t dx = cx[2] - one * cx[0];
                for (int32_t c = 0; c < p->depth; ++c) {
                    const int64_t output20 = (int64_t)row0[x0 + c] * (one - dy) * (one - dx) +
                                             (int64_t)row1[x0 + c] * dy * (one - dx) +
                                             (int64_t)row0[x1 + c] * (one - dy) * dx +
                                             (int64_t)row1[x1 + c] * dy * dx;
                    const int64_t round = output20 > 0 ? ((int64_t)1 << 19) : -((int64_t)1 << 19);
                    *output++ = (int8_t)((output20 + round) / ((int64_t)1 << 20));
                }
            }
        }
    }
}

/* float32 in TFLM's expression order, each product and the sum left to right, plus 0.0f (which turns -0 into +0);
 * the build's -ffp-contract=off keeps the products and sums separately rounded. */
void mg_resize_bilinear_f32(const mg_resize_bilinear_params *p, const float *input, float *output)
{
    const int32_t row_elements = p->in_w * p->depth;
    const int32_t batch_elements = p->in_h * row_elements;
    for (int32_t b = 0; b < p->batches; ++b) {
        const float *batch = input + b * batch_elements;
        for (int32_t y = 0; y < p->out_h; ++y) {
            const int32_t *ry = p->rows + 3 * y;
            const float *row0 = batch + ry[0] * row_elements;
            const float *row1 = batch + ry[1] * row_elements;
            const float dy = p->row_positions[y] - (float)ry[0];
            for (int32_t x = 0; x < p->out_w; ++x) {
                const int32_t *cx = p->cols + 3 * x;
                const int32_t x0 = cx[0] * p->depth;
                const int32_t x1 = cx[1] * p->depth;
                const float dx = p->col_positions[x] - (float)cx[0];
                for (int32_t c = 0; c < p->depth; ++c) {
                    const float v00 = row0[x0 + c];
                    const float v10 = row1[x0 + c];
                    const float v01 = row0[x1 + c];
                    const float v11 = row1[x1 + c];
                    *output++ = v00 * (1.0f - dy) * (1.0f - dx) + v10 * dy * (1.0f - dx) + v01 * (1.0f - dy) * dx + v11 * dy * dx + 0.0f;
                }
            }
        }
    }
}
