/* MicroGen C runtime: gemmlowp's fixed-point functions (fixedpoint.h) on raw int32 values, and the helpers TFLite's
 * common.h builds on them, bit for bit with MicroGen's reference (GemmlowpFunctions.cs, FixedPointMath.cs).
 * A value "in Qm" has m integer bits and 31 - m fractional bits: real = raw / 2^(31 - m). The integer-bit counts that
 * gemmlowp carries in template parameters are arguments here. gemmlowp's plain int32 additions and negations wrap;
 * they are written with unsigned arithmetic so that C's signed overflow never happens. Products are
 * mg_doubling_high_mul (gemmlowp's FixedPoint operator*). */
#ifndef MG_FIXEDPOINT_H
#define MG_FIXEDPOINT_H

#include "mg_runtime.h"

/* int32 addition, subtraction and negation with two's complement wrap-around. */
static inline int32_t mg_wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t mg_wrap_sub(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

static inline int32_t mg_wrap_neg(int32_t a)
{
    return (int32_t)(0u - (uint32_t)a);
}

/* Leading zero bits of a 32-bit value; 32 for zero. */
static inline int32_t mg_clz32(uint32_t x)
{
#if defined(__GNUC__)
    return x == 0u ? 32 : (int32_t)__builtin_clz(x);
#else
    int32_t n = 0;
    while (n < 32 && !(x & 0x80000000u)) {
        x <<= 1;
        ++n;
    }
    return n;
#endif
}

/* (a + b) / 2 rounded to nearest, ties away from zero (gemmlowp RoundingHalfSum). */
static inline int32_t mg_fp_rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    const int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

/* gemmlowp SaturatingRoundingMultiplyByPOT: a positive exponent is a left shift saturating at the int32 limits, a
 * negative one a rounding right shift. */
static inline int32_t mg_fp_mul_by_pot(int32_t x, int32_t exponent)
{
    if (exponent == 0) {
        return x;
    }
    if (exponent < 0) {
        return mg_rounding_divide_by_pot(x, -exponent);
    }
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* gemmlowp Rescale: a Q(source_bits) value read as Q(target_bits). */
static inline int32_t mg_fp_rescale(int32_t raw, int32_t source_bits, int32_t target_bits)
{
    return mg_fp_mul_by_pot(raw, source_bits - target_bits);
}

/* exp(a) for a in [-1/4, 0), Q0.31 in and out: fourth-order Taylor expansion around -1/8. */
static inline int32_t mg_fp_exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668;
    const int32_t one_third = 715827883;
    const int32_t x = mg_wrap_add(a, 1 << 28);
    const int32_t x2 = mg_doubling_high_mul(x, x);
    const int32_t x3 = mg_doubling_high_mul(x2, x);
    const int32_t x4 = mg_doubling_high_mul(x2, x2);
    const int32_t x4_over_4 = mg_fp_mul_by_pot(x4, -2);
    const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
        mg_fp_mul_by_pot(mg_wrap_add(mg_doubling_high_mul(mg_wrap_add(x4_over_4, x3), one_third), x2), -1);
    return mg_wrap_add(exp_minus_one_eighth,
                       mg_doubling_high_mul(exp_minus_one_eighth, mg_wrap_add(x, x4_over_24_plus_x3_over_6_plus_x2_over_2)));
}

/* exp(a) for a <= 0 in Q(integer_bits), result in Q0.31: the fractional quarter through the Taylor expansion, each set
 * bit of the rest multiplies by exp(-2^k); below -32 gives 0 (more than 5 integer bits only), 0 gives One. */
static inline int32_t mg_fp_exp_on_negative_values(int32_t a, int32_t integer_bits)
{
    static const int32_t exp_of_minus_power_of_two[7] = {
        1672461947, /* exp(-1/4) */
        1302514674, /* exp(-1/2) */
        790015084,  /* exp(-1) */
        290630308,  /* exp(-2) */
        39332535,   /* exp(-4) */
        720401,     /* exp(-8) */
        242,        /* exp(-16) */
    };
    const int32_t fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = mg_wrap_sub(a & mask, one_quarter);
    int32_t result = mg_fp_exp_on_interval_between_negative_one_quarter_and_0_excl(
        mg_fp_rescale(a_mod_quarter_minus_one_quarter, integer_bits, 0));
    const uint32_t remainder = (uint32_t)mg_wrap_sub(a_mod_quarter_minus_one_quarter, a);
    for (int32_t exponent = -2; exponent <= 4; ++exponent) {
        if (integer_bits > exponent) {
            const int32_t shift_amount = fractional_bits + exponent;
            if (remainder & ((uint32_t)1 << shift_amount)) {
                result = mg_doubling_high_mul(result, exp_of_minus_power_of_two[exponent + 2]);
            }
        }
    }
    if (integer_bits > 5) {
        const int32_t clamp = -((int32_t)1 << (36 - integer_bits));
        if (a < clamp) {
            result = 0;
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* Given d = (1 + a) / 2 in Q0.31, 1 / d in Q2.29 after three Newton-Raphson steps from 48/17 - 32/17 d. */
static inline int32_t mg_fp_newton_raphson_reciprocal_of_half_denominator(int32_t half_denominator)
{
    const int32_t forty_eight_over_seventeen = 1515870810;
    const int32_t minus_thirty_two_over_seventeen = -1010580540;
    const int32_t one_q2 = (int32_t)1 << 29;
    int32_t x = mg_wrap_add(forty_eight_over_seventeen, mg_doubling_high_mul(half_denominator, minus_thirty_two_over_seventeen));
    for (int i = 0; i < 3; ++i) {
        const int32_t half_denominator_times_x = mg_doubling_high_mul(half_denominator, x);
        const int32_t one_minus_half_denominator_times_x = mg_wrap_sub(one_q2, half_denominator_times_x);
        x = mg_wrap_add(x, mg_fp_rescale(mg_doubling_high_mul(x, one_minus_half_denominator_times_x), 4, 2));
    }
    return x;
}

/* 1 / (1 + a) for a in [0, 1), Q0.31 in and out. */
static inline int32_t mg_fp_one_over_one_plus_x_for_x_in_01(int32_t a)
{
    const int32_t x = mg_fp_newton_raphson_reciprocal_of_half_denominator(mg_fp_rounding_half_sum(a, INT32_MAX));
    return mg_fp_rescale(x, 1, 0);
}

/* (1 - a) / (1 + a) for a in [0, 1), Q0.31 in and out. */
static inline int32_t mg_fp_one_minus_x_over_one_plus_x_for_x_in_01(int32_t a)
{
    const int32_t x = mg_fp_newton_raphson_reciprocal_of_half_denominator(mg_fp_rounding_half_sum(a, INT32_MAX));
    return mg_fp_rescale(mg_wrap_sub(x, (int32_t)1 << 29), 2, 0);
}

/* tanh(a) for a in Q(integer_bits), result in Q0.31. */
static inline int32_t mg_fp_tanh(int32_t a, int32_t integer_bits)
{
    if (a == 0) {
        return 0;
    }
    const int is_negative = a < 0;
    const int32_t negative_magnitude = is_negative ? a : mg_wrap_neg(a);
    const int32_t t = mg_fp_one_minus_x_over_one_plus_x_for_x_in_01(mg_fp_exp_on_negative_values(negative_magnitude, integer_bits + 1));
    return is_negative ? mg_wrap_neg(t) : t;
}

/* logistic(a) = 1 / (1 + exp(-a)) for a in Q(integer_bits), result in Q0.31; logistic(0) is exactly 1/2. */
static inline int32_t mg_fp_logistic(int32_t a, int32_t integer_bits)
{
    if (a == 0) {
        return (int32_t)1 << 30;
    }
    const int is_positive = a > 0;
    const int32_t magnitude = is_positive ? a : mg_wrap_neg(a);
    const int32_t result_if_positive =
        mg_fp_one_over_one_plus_x_for_x_in_01(mg_fp_exp_on_negative_values(mg_wrap_neg(magnitude), integer_bits));
    return is_positive ? result_if_positive : mg_wrap_sub(INT32_MAX, result_if_positive);
}

/* TFLite GetReciprocal: 2^num_bits_over_unit / x in Q0.31 for a positive x in Q(x_integer_digits). */
static inline int32_t mg_fp_get_reciprocal(int32_t x, int32_t x_integer_digits, int32_t *num_bits_over_unit)
{
    const int32_t headroom_plus_one = mg_clz32((uint32_t)x);
    *num_bits_over_unit = x_integer_digits - headroom_plus_one;
    const int32_t shifted_sum_minus_one = (int32_t)(((uint32_t)x << (headroom_plus_one & 31)) - 0x80000000u);
    return mg_fp_one_over_one_plus_x_for_x_in_01(shifted_sum_minus_one);
}

/* gemmlowp SaturatingRoundingDoublingHighMul on int16 lanes: high half of 2ab, rounded; -1 * -1 saturates. */
static inline int16_t mg_fp_doubling_high_mul_s16(int16_t a, int16_t b)
{
    if (a == b && a == INT16_MIN) {
        return INT16_MAX;
    }
    const int32_t ab = (int32_t)a * (int32_t)b;
    const int32_t nudge = ab >= 0 ? (1 << 14) : 1 - (1 << 14);
    return (int16_t)((ab + nudge) / (1 << 15));
}

/* gemmlowp RoundingDivideByPOT on int16 lanes (0 <= exponent <= 31), every intermediate truncated to int16. */
static inline int16_t mg_fp_rounding_divide_by_pot_s16(int16_t x, int32_t exponent)
{
    const int16_t mask = (int16_t)(((int64_t)1 << exponent) - 1);
    const int16_t remainder = (int16_t)(x & mask);
    const int16_t threshold = (int16_t)((int16_t)(mask >> 1) + (x < 0 ? 1 : 0));
    return (int16_t)((int16_t)(x >> exponent) + (remainder > threshold ? 1 : 0));
}

#endif /* MG_FIXEDPOINT_H */
