/* CONV_2D int8, optimised portable C (any core): the constants arranged by MicroGen (see mg_fast.h), two output pixels x
 * two output channels per step (one pixel on Armv6-M), input offset folded into the bias, fast requantization where
 * MicroGen proved it exact.
 *
 * Inputs and weights are multiplied as unsigned bytes, u = v + 128 (v XOR 0x80): Armv6-M loads unsigned bytes with an
 * immediate offset in one instruction, signed ones need a second to set up a register offset. MicroGen stores the
 * filter that way and takes -128 * sum(w) into the bias; the kernel subtracts 128 * sum(u) over each pixel's inputs,
 * which leaves sum(x * w) = sum(ux * uw) - 128 sum(ux) - 128 sum(w) exactly (int32 arithmetic is exact modulo 2^32 and
 * MicroGen checks the final accumulator's bound). */
#include "mg_fast.h"

#if defined(__ARM_ARCH_6M__)
/* Armv6-M has 8 low registers: one pixel against two channels at a time (4 accumulators spill). */
MG_INLINE void gemm_row(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, int8_t *out0, const int mode)
{
    const uint8_t *w = (const uint8_t *)p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const uint8_t *end = x0 + p->depth;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        uint32_t a0 = (uint32_t)q[0].bias - s0, a1 = (uint32_t)q[1].bias - s0;
        for (const uint8_t *x = x0; x < end; x += 4, w += 8) {
            uint32_t v = x[0];
            a0 += v * w[0];
            a1 += v * w[4];
            v = x[1];
            a0 += v * w[1];
            a1 += v * w[5];
            v = x[2];
            a0 += v * w[2];
            a1 += v * w[6];
            v = x[3];
            a0 += v * w[3];
            a1 += v * w[7];
        }
        out0[c] = mg_finish((int32_t)a0, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish((int32_t)a1, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        uint32_t a0 = (uint32_t)q[0].bias - s0;
        for (const uint8_t *x = x0; x < end; x += 4, w += 4) {
            a0 += x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + x[3] * w[3];
        }
        out0[c] = mg_finish((int32_t)a0, &q[0], p->act_min, p->act_max, mode);
    }
}

/* One out-of-line copy per requantization mode, shared by the pointwise and the im2col kernels (code size matters most
 * on the small cores). */
static MG_NOINLINE void gemm_row_full(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, int8_t *out0)
{
    gemm_row(p, x0, s0, out0, MG_MODE_FULL);
}

static MG_NOINLINE void gemm_row_clamp(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, int8_t *out0)
{
    gemm_row(p, x0, s0, out0, MG_MODE_CLAMP);
}

static MG_NOINLINE void gemm_row_exact(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, int8_t *out0)
{
    gemm_row(p, x0, s0, out0, MG_MODE_EXACT);
}

MG_INLINE void gemm(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, const uint8_t *x1, uint32_t s1, int8_t *out0, int8_t *out1,
                    const int mode)
{
    void (*const row)(const mg_conv_fast_params *, const uint8_t *, uint32_t, int8_t *) =
        mode == MG_MODE_FULL ? gemm_row_full : mode == MG_MODE_CLAMP ? gemm_row_clamp : gemm_row_exact;
    row(p, x0, s0, out0);
    if (out1 != out0) {
        row(p, x1, s1, out1);
    }
}
#else
/* Both pixels' rows (depth unsigned values each) against every output channel; s0, s1: 128 * their sums. */
MG_INLINE void gemm(const mg_conv_fast_params *p, const uint8_t *x0, uint32_t s0, const uint8_t *x1, uint32_t s1, int8_t *out0, int8_t *out1,
                    const int mode)
{
    const uint8_t *w = (const uint8_t *)p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const int32_t depth = p->depth;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        uint32_t a00 = (uint32_t)q[0].bias - s0, a01 = (uint32_t)q[1].bias - s0, a10 = (uint32_t)q[0].bias - s1, a11 = (uint32_t)q[1].bias - s1;
        for (int32_t k = 0; k < depth; k += 4, w += 8) {
            const uint32_t u0 = x0[k], u1 = x0[k + 1], u2 = x0[k + 2], u3 = x0[k + 3];
            const uint32_t v0 = x1[k], v1 = x1[k + 1], v2 = x1[k + 2], v3 = x1[k + 3];
            a00 += u0 * w[0] + u1 * w[1] + u2 * w[2] + u3 * w[3];
            a10 += v0 * w[0] + v1 * w[1] + v2 * w[2] + v3 * w[3];
            a01 += u0 * w[4] + u1 * w[5] + u2 * w[6] + u3 * w[7];
            a11 += v0 * w[4] + v1 * w[5] + v2 * w[6] + v3 * w[7];
        }
        out0[c] = mg_finish((int32_t)a00, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish((int32_t)a01, &q[1], p->act_min, p->act_max, mode);
        out1[c] = mg_finish((int32_t)a10, &q[0], p->act_min, p->act_max, mode);
        out1[c + 1] = mg_finish((int32_t)a11, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        uint32_t a0 = (uint32_t)q[0].bias - s0, a1 = (uint32_t)q[0].bias - s1;
        for (int32_t k = 0; k < depth; k += 4, w += 4) {
            a0 += x0[k] * w[0] + x0[k + 1] * w[1] + x0[k + 2] * w[2] + x0[k + 3] * w[3];
            a1 += x1[k] * w[0] + x1[k + 1] * w[1] + x1[k + 2] * w[2] + x1[k + 3] * w[3];
        }
        out0[c] = mg_finish((int32_t)a0, &q[0], p->act_min, p->act_max, mode);
        out1[c] = mg_finish((int32_t)a1, &q[0], p->act_min, p->act_max, mode);
    }
}
#endif

/* Turns the depth int8 values at dst (word-aligned; depth a multiple of 4) into unsigned bytes in place, a word at a
 * time; returns 128 * their sum. The bytes are summed in two 16-bit lanes, folded every 128 words (at most 510 per
 * word and lane, so a lane cannot overflow). */
static MG_NOINLINE uint32_t to_unsigned(uint8_t *dst, int32_t depth)
{
    mg_word *w = (mg_word *)(void *)dst;
    const int32_t words = depth / 4;
    uint32_t sum = 0;
    for (int32_t k = 0; k < words;) {
        const int32_t end = words - k > 128 ? k + 128 : words;
        uint32_t lanes = 0;
        for (; k < end; ++k) {
            const uint32_t v = w[k] ^ 0x80808080u;
            w[k] = v;
            lanes += (v & 0x00FF00FFu) + ((v >> 8) & 0x00FF00FFu);
        }
        sum += (lanes & 0xFFFFu) + (lanes >> 16);
    }
    return sum * 128u;
}

/* One pixel's input row, as unsigned bytes (then 128 up to depth); returns 128 * their sum. */
static MG_NOINLINE uint32_t copy_pixel(const int8_t *src, int32_t n, int32_t depth, uint8_t *dst)
{
    uint32_t sum = 0;
    int32_t k = 0;
    for (; k < n; ++k) {
        const uint32_t u = (uint8_t)src[k] ^ 0x80u;
        dst[k] = (uint8_t)u;
        sum += u;
    }
    for (; k < depth; ++k) {
        dst[k] = 0x80;
    }
    return (sum + 128u * (uint32_t)(depth - n)) * 128u;
}

MG_INLINE void pw_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode)
{
    const int32_t pixels = p->batches * p->in_h * p->in_w;
    const int32_t in_c = p->in_c, out_c = p->out_c, depth = p->depth;
    uint8_t *x0 = (uint8_t *)scratch, *x1 = x0 + depth;
    int32_t px = 0;
    for (; px + 2 <= pixels; px += 2) {
        const uint32_t s0 = copy_pixel(input + px * in_c, in_c, depth, x0);
        const uint32_t s1 = copy_pixel(input + (px + 1) * in_c, in_c, depth, x1);
        gemm(p, x0, s0, x1, s1, output + px * out_c, output + (px + 1) * out_c, mode);
    }
    if (px < pixels) {
        /* An odd last pixel: computed twice, written twice to the same place. */
        const uint32_t s0 = copy_pixel(input + px * in_c, in_c, depth, x0);
        gemm(p, x0, s0, x0, s0, output + px * out_c, output + px * out_c, mode);
    }
}

/* The patch of output pixel (b, oy, ox) (mg_conv_patch) as unsigned bytes, 128 beyond the real taps up to depth;
 * returns 128 * their sum. */
static MG_NOINLINE uint32_t patch(const mg_conv_fast_params *p, const int8_t *input, int32_t b, int32_t oy, int32_t ox, uint8_t *dst)
{
    const int32_t taps = p->k_h * p->k_w * p->in_c;
    mg_conv_patch(p, input, b, oy, ox, (int8_t *)dst);
    mg_fill8((int8_t *)dst + taps, p->depth - taps, 0);
    return to_unsigned(dst, p->depth);
}

MG_INLINE void conv_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode)
{
    const int32_t pixels = p->batches * p->out_h * p->out_w;
    uint8_t *x0 = (uint8_t *)scratch, *x1 = x0 + p->depth;
    int32_t b = 0, oy = 0, ox = 0;
    for (int32_t px = 0; px < pixels; px += 2) {
        const uint32_t s0 = patch(p, input, b, oy, ox, x0);
        uint32_t s1 = s0;
        const int two = px + 1 < pixels;
        if (++ox == p->out_w) {
            ox = 0;
            if (++oy == p->out_h) {
                oy = 0;
                ++b;
            }
        }
        if (two) {
            s1 = patch(p, input, b, oy, ox, x1);
            if (++ox == p->out_w) {
                ox = 0;
                if (++oy == p->out_h) {
                    oy = 0;
                    ++b;
                }
            }
        }
        /* An odd last pixel is computed twice and written twice to the same place. */
        gemm(p, x0, s0, two ? x1 : x0, s1, output + px * p->out_c, output + (px + two) * p->out_c, mode);
    }
}

void mg_conv2d_s8_pw_fast(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_FULL);
}

void mg_conv2d_s8_pw_fast_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_CLAMP);
}

void mg_conv2d_s8_pw_fast_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_EXACT);
}

void mg_conv2d_s8_fast(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_FULL);
}

void mg_conv2d_s8_fast_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_CLAMP);
}

void mg_conv2d_s8_fast_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_EXACT);
}
