/* BATCH_MATMUL: TFLM reference_ops::BatchMatMul. int8: int32 sums of the offset operands (wrapping, kept in
 * uint32_t), double-rounding requantization; int16: int64 sums and TFLite's int64 MultiplyByQuantizedMultiplier;
 * float32: sums from 0, k ascending. adj_x / adj_y and broadcast batch dimensions are in the strides and offsets. */
#include "mg_kernels.h"

void mg_batch_matmul_s8(const mg_batch_matmul_params *p, const int8_t *lhs, const int8_t *rhs, int8_t *output)
{
    for (int32_t b = 0; b < p->batch_count; ++b) {
        const int8_t *l = lhs + p->batches[2 * b];
        const int8_t *r = rhs + p->batches[2 * b + 1];
        for (int32_t m = 0; m < p->rows; ++m) {
            for (int32_t n = 0; n < p->cols; ++n) {
                uint32_t total = 0;
                for (int32_t k = 0; k < p->depth; ++k) {
                    const int32_t lv = l[m * p->lhs_row_stride + k * p->lhs_depth_stride] + p->lhs_offset;
                    const int32_t rv = r[k * p->rhs_depth_stride + n * p->rhs_column_stride] + p->rhs_offset;
                    total += (uint32_t)(rv * lv);
                }
                const int32_t scaled = mg_requantize((int32_t)total, p->multiplier, p->shift) + p->output_offset;
                *output++ = (int8_t)MG_CLAMP(scaled, p->act_min, p->act_max);
            }
        }
    }
}

void mg_batch_matmul_s16(const mg_batch_matmul_params *p, const int16_t *lhs, const int16_t *rhs, int16_t *output)
{
    for (int32_t b = 0; b < p->batch_count; ++b) {
        const int16_t *l = lhs + p->batches[2 * b];
        const int16_t *r = rhs + p->batches[2 * b + 1];
        for (int32_t m = 0; m < p->rows; ++m) {
            for (int32_t n = 0; n < p->cols; ++n) {
                int64_t total = 0;
                for (int32_t k = 0; k < p->depth; ++k) {
                    const int64_t lv = l[m * p->lhs_row_stride + k * p->lhs_depth_stride] + p->lhs_offset;
                    const int64_t rv = r[k * p->rhs_depth_stride + n * p->rhs_column_stride] + p->rhs_offset;
                    total += rv * lv;
                }
                /* x * Q15 multiplier + rounding, wrapping as TFLite's int64 arithmetic, then an arithmetic shift. */
                const int64_t product = (int64_t)((uint64_t)total * (uint64_t)(int64_t)p->multiplier_q15 + (uint64_t)p->rounding);
                const int32_t scaled = (int32_t)(product >> p->total_shift) + p->output_offset;
                *output++ = (int16_t)MG_CLAMP(scaled, p->act_min, p->act_max);
            }
        }
    }
}

void mg_batch_matmul_f32(const mg_batch_matmul_params *p, const float *lhs, const float *rhs, float *output)
{
    for (int32_t b = 0; b < p->batch_count; ++b) {
        const float *l = lhs + p->batches[2 * b];
        const float *r = rhs + p->batches[2 * b + 1];
        for (int32_t m = 0; m < p->rows; ++m) {
            for (int32_t n = 0; n < p->cols; ++n) {
                float total = 0.0f;
                for (int32_t k = 0; k < p->depth; ++k) {
                    total += r[k * p->rhs_depth_stride + n * p->rhs_column_stride] * l[m * p->lhs_row_stride + k * p->lhs_depth_stride];
                }
                *output++ = total;
            }
        }
    }
}
