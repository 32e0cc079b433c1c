/* SOFTMAX over the last dimension, integer: TFLite reference_ops::Softmax (int8 input through gemmlowp's exp and
 * reciprocal) and SoftmaxInt16 (interpolated exp and 1/(1+x) tables). */
#include "mg_kernels.h"
#include "mg_fixedpoint.h"

/* Integer bits of the Q5.26 scaled differences and of the Q12.19 sum of exponentials. */
#define MG_SOFTMAX_DIFF_INTEGER_BITS 5
#define MG_SOFTMAX_ACCUMULATION_INTEGER_BITS 12

/* exp of beta * scale * diff: the difference rescaled to Q5.26 (left shift before the multiply), exp in Q0.31. */
static int32_t mg_softmax_scaled_exp(const mg_softmax_s8_params *p, int32_t diff)
{
    const int32_t rescaled = mg_doubling_high_mul((int32_t)((uint32_t)diff << p->input_left_shift), p->input_multiplier);
    return mg_fp_exp_on_negative_values(rescaled, MG_SOFTMAX_DIFF_INTEGER_BITS);
}

/* One row: exponentials of the differences to the maximum (those below diff_min dropped), summed in Q12.19, each
 * multiplied by the reciprocal of the sum and offset by the output type's minimum. Rows up to 4095 elements cannot
 * overflow the sum. */
#define MG_SOFTMAX_S8(name, out_t, out_min, out_max, out_bits)                                           \
    void name(const mg_softmax_s8_params *p, const int8_t *input, out_t *output)                         \
    {                                                                                                    \
        for (int32_t row = 0; row < p->outer; ++row) {                                                   \
            const int8_t *x = input + row * p->depth;                                                    \
            out_t *y = output + row * p->depth;                                                          \
            int32_t max_in_row = INT8_MIN;                                                               \
            for (int32_t c = 0; c < p->depth; ++c) {                                                     \
                max_in_row = MG_MAX(max_in_row, (int32_t)x[c]);                                          \
            }                                                                                            \
            int32_t sum_of_exps = 0;                                                                     \
            for (int32_t c = 0; c < p->depth; ++c) {                                                     \
                const int32_t diff = (int32_t)x[c] - max_in_row;                                         \
                if (diff >= p->diff_min) {                                                               \
                    sum_of_exps = mg_wrap_add(sum_of_exps, mg_fp_rescale(mg_softmax_scaled_exp(p, diff), 0, \
                                                                         MG_SOFTMAX_ACCUMULATION_INTEGER_BITS)); \
                }                                                                                        \
            }                                                                                            \
            int32_t num_bits_over_unit;                                                                  \
            const int32_t shifted_scale =                                                                \
                mg_fp_get_reciprocal(sum_of_exps, MG_SOFTMAX_ACCUMULATION_INTEGER_BITS, &num_bits_over_unit); \
            const int32_t exponent = num_bits_over_unit + 31 - (out_bits);                               \
            for (int32_t c = 0; c < p->depth; ++c) {                                                     \
                const int32_t diff = (int32_t)x[c] - max_in_row;                                         \
                if (diff >= p->diff_min) {                                                               \
                    const int32_t unsaturated = mg_rounding_divide_by_pot(                               \
                        mg_doubling_high_mul(shifted_scale, mg_softmax_scaled_exp(p, diff)), exponent);  \
                    const int32_t shifted = unsaturated + (out_min);                                     \
                    y[c] = (out_t)MG_CLAMP(shifted, (out_min), (out_max));                               \
                } else {                                                                                 \
                    y[c] = (out_t)(out_min);                                                             \
                }                                                                                        \
            }                                                                                            \
        }                                                                                                \
    }

MG_SOFTMAX_S8(mg_softmax_s8_s8, int8_t, INT8_MIN, INT8_MAX, 8)
MG_SOFTMAX_S8(mg_softmax_s8_s16, int16_t, INT16_MIN, INT16_MAX, 16)

/* TFLite LUTLookup: the top 9 bits select a segment, the low 7 interpolate to the next entry (int16 slope). */
static int16_t mg_lut_lookup_s16(int16_t value, const int16_t *table)
{
    const int32_t index = 256 + (value >> 7);
    const int32_t offset = value & 0x7F;
    const int16_t start = table[index];
    const int16_t slope = (int16_t)(table[index + 1] - table[index]);
    const int32_t delta = ((int32_t)slope * offset + 64) >> 7;
    return (int16_t)(start + delta);
}

void mg_softmax_s16(const mg_softmax_s16_params *p, const int16_t *input, int16_t *output)
{
    for (int32_t row = 0; row < p->outer; ++row) {
        const int16_t *x = input + row * p->depth;
        int16_t *exps = output + row * p->depth;
        int32_t max_in_row = INT16_MIN;
        for (int32_t c = 0; c < p->depth; ++c) {
            max_in_row = MG_MAX(max_in_row, (int32_t)x[c]);
        }
        int32_t sum_of_exps = 0;
        for (int32_t c = 0; c < p->depth; ++c) {
            const int32_t diff = (int32_t)x[c] - max_in_row;
            const int32_t scaled_diff = mg_requantize(diff, p->input_multiplier, p->input_left_shift);
            const int32_t symmetric_scaled_diff = scaled_diff + INT16_MAX;
            const int16_t saturated = (int16_t)MG_CLAMP(symmetric_scaled_diff, INT16_MIN, INT16_MAX);
            exps[c] = mg_lut_lookup_s16(saturated, p->exp_table);
            sum_of_exps = mg_wrap_add(sum_of_exps, exps[c]);
        }
        const int32_t headroom_plus_one = mg_clz32((uint32_t)sum_of_exps);
        const int32_t shifted_sum =
            (int32_t)((((int64_t)sum_of_exps << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
        /* The table computes 1 / (1 + x): x = shifted_sum - 1, recentred from [0, 65535] to [-32768, 32767]. */
        const int32_t symmetric_shifted_sum = shifted_sum - ((1 << 15) + (1 << 16));
        const int16_t saturated_sum = (int16_t)MG_CLAMP(symmetric_shifted_sum, INT16_MIN, INT16_MAX);
        const int64_t reciprocal = mg_lut_lookup_s16(saturated_sum, p->reciprocal_table);
        const int32_t right_shift = 31 - headroom_plus_one;
        const int64_t round = (int64_t)1 << (right_shift - 1);
        for (int32_t c = 0; c < p->depth; ++c) {
            const int32_t result = (int32_t)(((int64_t)exps[c] * reciprocal + round) >> right_shift);
            exps[c] = (int16_t)MG_CLAMP(result, 0, INT16_MAX);
        }
    }
}
