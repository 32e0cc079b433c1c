/* MicroGen C runtime: integer helpers shared by every kernel.
 * The arithmetic is TensorFlow Lite Micro's reference arithmetic, bit for bit. */
#ifndef MG_RUNTIME_H
#define MG_RUNTIME_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MG_MAX(a, b) ((a) > (b) ? (a) : (b))
#define MG_CLAMP(x, lo, hi) MG_MIN(MG_MAX((x), (lo)), (hi))

#if defined(__GNUC__)
#define MG_INLINE static inline __attribute__((always_inline))
#define MG_NOINLINE __attribute__((noinline))
#define MG_ALIGNED(n) __attribute__((aligned(n)))
#else
#define MG_INLINE static inline
#define MG_NOINLINE
#define MG_ALIGNED(n)
#endif

/* gemmlowp's SaturatingRoundingDoublingHighMul: a * b / 2^31 rounded to nearest with ties toward +infinity, which is
 * exactly floor((a * b + 2^30) / 2^31) for either sign; the one overflow (a == b == INT32_MIN, possible only with the
 * negative multipliers of negative weight scales) saturates. */
MG_INLINE int32_t mg_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    const int64_t product = (int64_t)a * (int64_t)b + ((int64_t)1 << 30);
    return (int32_t)(product >> 31);
}

/* gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero. */
MG_INLINE int32_t mg_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's double-rounding MultiplyByQuantizedMultiplier: a left shift (shift > 0) before the high multiply, a
 * rounding right shift (shift < 0) after it. The left shift wraps like TFLite's int32 multiply. */
MG_INLINE int32_t mg_requantize(int32_t acc, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    return mg_rounding_divide_by_pot(mg_doubling_high_mul((int32_t)((uint32_t)acc << left), multiplier), right);
}

#endif /* MG_RUNTIME_H */
