/* HARD_SWISH, x * relu6(x + 3) / 6: TFLite reference_ops::HardSwish, int8 in 16-bit fixed point, and float. */
#include "mg_kernels.h"
#include "mg_fixedpoint.h"

/* TFLite SaturatingLeftShift: value * 2^amount clamped to int16. */
static int16_t mg_saturating_left_shift_s16(int16_t value, int32_t amount)
{
    const int64_t result = (int64_t)value * ((int64_t)1 << amount);
    return (int16_t)MG_CLAMP(result, INT16_MIN, INT16_MAX);
}

/* TFLite SaturatingDoublingHighMul (SQDMULH): the high half of 2ab truncated toward zero; -1 * -1 saturates. */
static int16_t mg_saturating_doubling_high_mul_s16(int16_t a, int16_t b)
{
    if (a == b && a == INT16_MIN) {
        return INT16_MAX;
    }
    return (int16_t)(((int32_t)a * (int32_t)b) / (1 << 15));
}

void mg_hard_swish_s8(const mg_hard_swish_s8_params *p, const int8_t *input, int8_t *output)
{
    const int16_t output_multiplier = (int16_t)p->output_multiplier;
    const int16_t reluish_multiplier = (int16_t)p->reluish_multiplier;
    for (int32_t r = 0; r < p->rows; ++r) {
        const int8_t *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            const int16_t input_value = (int16_t)(in[i] - p->input_zero_point);
            /* |input - zero point| <= 255: the shift by 7 stays within int16. */
            const int16_t input_on_hires = (int16_t)(input_value * (1 << 7));
            const int16_t input_on_preshift_output = mg_fp_doubling_high_mul_s16(input_on_hires, output_multiplier);
            int16_t reluish = input_on_hires;
            if (p->reluish_exponent > 0) {
                reluish = mg_saturating_left_shift_s16(reluish, p->reluish_exponent - 1);
            }
            reluish = mg_fp_doubling_high_mul_s16(reluish, reluish_multiplier);
            if (p->reluish_exponent > 0) {
                reluish = mg_saturating_left_shift_s16(reluish, 1);
            }
            if (p->reluish_exponent < 0) {
                reluish = mg_fp_rounding_divide_by_pot_s16(reluish, -p->reluish_exponent);
            }
            /* From [-1, 1] (3.0 at 32768) to [0, 1]. */
            reluish = (int16_t)(((int32_t)reluish + (1 << 15)) >> 1);
            const int16_t preshift_output = mg_saturating_doubling_high_mul_s16(reluish, input_on_preshift_output);
            int16_t value = mg_fp_rounding_divide_by_pot_s16(preshift_output, -p->output_exponent);
            value = (int16_t)(value + p->output_zero_point);
            *output++ = (int8_t)MG_CLAMP(value, INT8_MIN, INT8_MAX);
        }
    }
}

void mg_hard_swish_f32(const mg_unary_f32_params *p, const float *input, float *output)
{
    for (int32_t r = 0; r < p->rows; ++r) {
        const float *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            const float x = in[i];
            const float shifted = x + 3.0f;
            const float lower_bounded = 0.0f < shifted ? shifted : 0.0f;
            const float bounded = lower_bounded < 6.0f ? lower_bounded : 6.0f;
            *output++ = x * bounded / 6.0f;
        }
    }
}
