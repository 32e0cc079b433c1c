/* MicroGen C runtime: the Armv7E-M DSP instructions the optimised kernels use, as inline assembly (no CMSIS needed).
 * Only for cores with the DSP extension (Cortex-M4, M7, M33 with DSP): include it under __ARM_FEATURE_DSP. */
#ifndef MG_DSP_H
#define MG_DSP_H

#include "mg_runtime.h"

#if defined(__ARM_FEATURE_DSP)

/* Two signed 16-bit products added to an accumulator: acc + lo(a) * lo(b) + hi(a) * hi(b). */
MG_INLINE int32_t mg_smlad(uint32_t a, uint32_t b, int32_t acc)
{
    int32_t r;
    __asm__("smlad %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

/* acc + lo(a) * lo(b) (16 x 16 bits). */
MG_INLINE int32_t mg_smlabb(uint32_t a, uint32_t b, int32_t acc)
{
    int32_t r;
    __asm__("smlabb %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

/* acc + hi(a) * lo(b). */
MG_INLINE int32_t mg_smlatb(uint32_t a, uint32_t b, int32_t acc)
{
    int32_t r;
    __asm__("smlatb %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

/* acc + hi(a) * hi(b). */
MG_INLINE int32_t mg_smlatt(uint32_t a, uint32_t b, int32_t acc)
{
    int32_t r;
    __asm__("smlatt %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

/* Bytes 0 and 2 sign-extended into the two halfwords. */
MG_INLINE uint32_t mg_sxtb16(uint32_t x)
{
    uint32_t r;
    __asm__("sxtb16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}

/* Bytes 1 and 3 sign-extended into the two halfwords. */
MG_INLINE uint32_t mg_sxtb16_ror8(uint32_t x)
{
    uint32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

/* The most significant word of (acc << 32) + a * b, rounded: floor(((acc << 32) + a * b + 2^31) / 2^32). */
MG_INLINE int32_t mg_smmlar(int32_t a, int32_t b, int32_t acc)
{
    int32_t r;
    __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

/* Packs the low halfword of a with the low halfword of b (as the high halfword). */
MG_INLINE uint32_t mg_pkhbt16(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

#endif /* __ARM_FEATURE_DSP */

#endif /* MG_DSP_H */
