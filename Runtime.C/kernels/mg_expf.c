/* MicroGen's expf, the same on every target: the table-driven algorithm of glibc's and newlib's newer expf (32-entry
 * table of 2^(i/32), cubic polynomial, evaluated in double) with every product rounded separately, as MicroGen's
 * reference (FloatExp.cs) computes it. The libraries themselves differ: newlib on Cortex-M without a double-precision
 * FPU uses the older single-precision algorithm, and glibc on x86-64 CPUs with FMA fuses the polynomial's
 * multiply-adds. Compile with -ffp-contract=off. */
#include "mg_kernels.h"

/* 2^(i/32) as IEEE doubles, each minus i << 47 so that adding k << 47 for k = 32 q + i gives 2^(k/32). */
static const uint64_t mg_exp2_32_table[32] = {
    0x3ff0000000000000u, 0x3fefd9b0d3158574u, 0x3fefb5586cf9890fu, 0x3fef9301d0125b51u,
    0x3fef72b83c7d517bu, 0x3fef54873168b9aau, 0x3fef387a6e756238u, 0x3fef1e9df51fdee1u,
    0x3fef06fe0a31b715u, 0x3feef1a7373aa9cbu, 0x3feedea64c123422u, 0x3feece086061892du,
    0x3feebfdad5362a27u, 0x3feeb42b569d4f82u, 0x3feeab07dd485429u, 0x3feea47eb03a5585u,
    0x3feea09e667f3bcdu, 0x3fee9f75e8ec5f74u, 0x3feea11473eb0187u, 0x3feea589994cce13u,
    0x3feeace5422aa0dbu, 0x3feeb737b0cdc5e5u, 0x3feec49182a3f090u, 0x3feed503b23e255du,
    0x3feee89f995ad3adu, 0x3feeff76f2fb5e47u, 0x3fef199bdd85529cu, 0x3fef3720dcef9069u,
    0x3fef5818dcfba487u, 0x3fef7c97337b9b5fu, 0x3fefa4afa2a490dau, 0x3fefd0765b6e4540u,
};

float mg_expf(float x)
{
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    if ((bits & 0x7FFFFFFFu) >= 0x42B00000u) {
        /* |x| >= 88, infinite or NaN. */
        if ((bits & 0x7FFFFFFFu) > 0x7F800000u) {
            /* NaN: quieted, sign and payload kept (what x + x gives). */
            bits |= 0x00400000u;
            memcpy(&x, &bits, sizeof x);
            return x;
        }
        if (x > 0x1.62e42ep6f) {
            /* Above log(2^128): +infinity (also for x = +infinity). */
            bits = 0x7F800000u;
            memcpy(&x, &bits, sizeof x);
            return x;
        }
        if (x < -0x1.9fe368p6f) {
            /* Below log(2^-150): +0 (also for x = -infinity). */
            return 0.0f;
        }
    }
    /* x * 32 / ln 2 = k + r with k the nearest integer (ties to even, by adding 1.5 * 2^52) and |r| <= 1/2. */
    const double z = 0x1.71547652b82fep+5 * (double)x;
    double kd = z + 0x1.8p+52;
    uint64_t ki;
    memcpy(&ki, &kd, sizeof ki);
    kd -= 0x1.8p+52;
    const double r = z - kd;
    /* exp(x) = 2^(k/32) * 2^(r/32), the second factor ~ 1 + c2 r + c1 r^2 + c0 r^3. */
    const uint64_t scale_bits = mg_exp2_32_table[ki % 32u] + (ki << 47);
    double scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    const double c0 = 0x1.c6af84b912394p-20;
    const double c1 = 0x1.ebfce50fac4f3p-13;
    const double c2 = 0x1.62e42ff0c52d6p-6;
    const double high = c0 * r + c1;
    const double r2 = r * r;
    double y = c2 * r + 1.0;
    y = high * r2 + y;
    return (float)(y * scale);
}
