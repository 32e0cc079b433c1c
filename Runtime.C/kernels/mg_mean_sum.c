/* MEAN and SUM: TFLM reference_ops::QuantizedMeanOrSum for int8 and int16 (int32 sums that wrap as TFLM's do, the
 * zero-point correction, one double-rounding requantization with MEAN's 1/n folded into the multiplier, saturation)
 * and the float sums of reference_ops::Mean / ReduceGeneric (from 0 in input order, MEAN divides once by n). Each
 * output's sum visits its input elements in row-major order, the order in which TFLM's input-order walk adds them. */
#include "mg_kernels.h"

#define MG_REDUCE_MAX_RANK 6

/* Odometer step over dims (shape[rank] then strides[rank]): advances index and the element offset; 0 after the last. */
static int step(int32_t rank, const int32_t *dims, int32_t *index, int32_t *offset)
{
    for (int32_t d = rank - 1; d >= 0; --d) {
        *offset += dims[rank + d];
        if (++index[d] < dims[d]) {
            return 1;
        }
        *offset -= dims[d] * dims[rank + d];
        index[d] = 0;
    }
    return 0;
}

/* Elements of the box described by dims; resets index. */
static int32_t begin(int32_t rank, const int32_t *dims, int32_t *index)
{
    int32_t count = 1;
    for (int32_t d = 0; d < rank; ++d) {
        index[d] = 0;
        count *= dims[d];
    }
    return count;
}

/* One quantized output from the wrapping int32 sum of its raw input values (kept in uint32_t): the zero-point
 * correction subtracted (wrapping, as TFLM's int64 difference truncated to int32), requantized, offset, saturated. */
static int32_t finish_quantized(const mg_mean_sum_params *p, uint32_t sum, int32_t lo, int32_t hi)
{
    const int32_t shifted = (int32_t)(sum - (uint32_t)p->correction);
    const int32_t value = mg_requantize(shifted, p->multiplier, p->shift) + p->output_zero_point;
    return MG_CLAMP(value, lo, hi);
}

void mg_mean_sum_s8(const mg_mean_sum_params *p, const int8_t *input, int8_t *output)
{
    int32_t outer_index[MG_REDUCE_MAX_RANK];
    int32_t inner_index[MG_REDUCE_MAX_RANK];
    const int32_t outputs = begin(p->outer_rank, p->outer, outer_index);
    if (p->clear) {
        memset(output, 0, (size_t)outputs);
        return;
    }
    int32_t base = 0;
    for (int32_t o = 0; o < outputs; ++o) {
        uint32_t sum = 0;
        int32_t offset = base;
        if (begin(p->inner_rank, p->inner, inner_index) > 0) {
            do {
                sum += (uint32_t)(int32_t)input[offset];
            } while (step(p->inner_rank, p->inner, inner_index, &offset));
        }
        output[o] = (int8_t)finish_quantized(p, sum, INT8_MIN, INT8_MAX);
        step(p->outer_rank, p->outer, outer_index, &base);
    }
}

void mg_mean_sum_s16(const mg_mean_sum_params *p, const int16_t *input, int16_t *output)
{
    int32_t outer_index[MG_REDUCE_MAX_RANK];
    int32_t inner_index[MG_REDUCE_MAX_RANK];
    const int32_t outputs = begin(p->outer_rank, p->outer, outer_index);
    if (p->clear) {
        memset(output, 0, (size_t)outputs * sizeof(int16_t));
        return;
    }
    int32_t base = 0;
    for (int32_t o = 0; o < outputs; ++o) {
        uint32_t sum = 0;
        int32_t offset = base;
        if (begin(p->inner_rank, p->inner, inner_index) > 0) {
            do {
                sum += (uint32_t)(int32_t)input[offset];
            } while (step(p->inner_rank, p->inner, inner_index, &offset));
        }
        output[o] = (int16_t)finish_quantized(p, sum, INT16_MIN, INT16_MAX);
        step(p->outer_rank, p->outer, outer_index, &base);
    }
}

void mg_mean_sum_f32(const mg_mean_sum_params *p, const float *input, float *output)
{
    int32_t outer_index[MG_REDUCE_MAX_RANK];
    int32_t inner_index[MG_REDUCE_MAX_RANK];
    const int32_t outputs = begin(p->outer_rank, p->outer, outer_index);
    if (p->clear) {
        memset(output, 0, (size_t)outputs * sizeof(float));
        return;
    }
    int32_t base = 0;
    for (int32_t o = 0; o < outputs; ++o) {
        float sum = 0.0f;
        int32_t offset = base;
        if (begin(p->inner_rank, p->inner, inner_index) > 0) {
            do {
                sum += input[offset];
            } while (step(p->inner_rank, p->inner, inner_index, &offset));
        }
        output[o] = p->mean && p->count > 0 ? sum / (float)p->count : sum;
        step(p->outer_rank, p->outer, outer_index, &base);
    }
}
