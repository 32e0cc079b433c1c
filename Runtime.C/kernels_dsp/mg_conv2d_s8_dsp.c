/* CONV_2D int8 with the Armv7E-M DSP extension. Two pixels' inputs are widened once into int16 pairs (scratch), then
 * every pair of output channels runs 2 pixels x 2 channels x 4 inputs per step: one filter load (LDRD), four SXTB16,
 * eight SMLAD. The filter arrangement and the requantization are described in mg_fast.h; accumulation is exact int32. */
#include "mg_fast.h"

#if defined(__ARM_FEATURE_DSP)

/* Widens n int8 values into groups of two words (a0, a2), (a1, a3), the groups `stride` words apart; zeros past n. */
static MG_NOINLINE void widen(const int8_t *src, int32_t n, int32_t depth, mg_word *dst, const int32_t stride)
{
    int32_t k = 0;
    for (; k + 4 <= n; k += 4, dst += stride) {
        const uint32_t w = mg_load32(src + k);
        dst[0] = mg_sxtb16(w);
        dst[1] = mg_sxtb16_ror8(w);
    }
    if (k < n) {
        uint32_t w = 0;
        for (int32_t j = 0; k + j < n; ++j) {
            w |= (uint32_t)(uint8_t)src[k + j] << (8 * j);
        }
        dst[0] = mg_sxtb16(w);
        dst[1] = mg_sxtb16_ror8(w);
        dst += stride;
        k += 4;
    }
    for (; k < depth; k += 4, dst += stride) {
        dst[0] = 0;
        dst[1] = 0;
    }
}

/* Keeps the compiler from hoisting the next group's loads above this group's arithmetic (which runs it out of registers). */
#define MG_BARRIER() __asm__ volatile("" ::: "memory")

/* Two words from *p (word-aligned), then p advanced past them: one LDRD with write-back. */
MG_INLINE void mg_ldrd_post(const mg_word **p, uint32_t *lo, uint32_t *hi)
{
    __asm__("ldrd %0, %1, [%2], #8" : "=r"(*lo), "=r"(*hi), "+r"(*p) : "m"(*(const uint8_t(*)[8]) * p));
}

/* One group of 4 inputs: 2 pixels (b: pixel 0 even, odd, pixel 1 even, odd) x 2 channels (w: one int8 word each). */
MG_INLINE void group2x2(const mg_word *w, const mg_word *b, int32_t *a00, int32_t *a01, int32_t *a10, int32_t *a11)
{
    const uint32_t w0 = w[0], w1 = w[1];
    const uint32_t w0e = mg_sxtb16(w0), w0o = mg_sxtb16_ror8(w0);
    const uint32_t w1e = mg_sxtb16(w1), w1o = mg_sxtb16_ror8(w1);
    const uint32_t x0e = b[0], x0o = b[1];
    *a00 = mg_smlad(x0o, w0o, mg_smlad(x0e, w0e, *a00));
    *a01 = mg_smlad(x0o, w1o, mg_smlad(x0e, w1e, *a01));
    const uint32_t x1e = b[2], x1o = b[3];
    *a10 = mg_smlad(x1o, w0o, mg_smlad(x1e, w0e, *a10));
    *a11 = mg_smlad(x1o, w1o, mg_smlad(x1e, w1e, *a11));
}

/* Every output channel for the widened pixels in buf (groups of 4 words: pixel 0 even, odd, pixel 1 even, odd); the
 * group loop unrolled twice. */
MG_INLINE void gemm2(const mg_conv_fast_params *p, const mg_word *buf, int8_t *out0, int8_t *out1, const int mode)
{
    const mg_word *w = (const mg_word *)p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const int32_t groups = p->depth >> 2;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        int32_t a00 = q[0].bias, a01 = q[1].bias;
        int32_t a10 = a00, a11 = a01;
        const mg_word *b = buf;
        int32_t g = groups;
        for (; g >= 2; g -= 2, w += 4, b += 8) {
            group2x2(w, b, &a00, &a01, &a10, &a11);
            MG_BARRIER();
            group2x2(w + 2, b + 4, &a00, &a01, &a10, &a11);
        }
        if (g) {
            group2x2(w, b, &a00, &a01, &a10, &a11);
            w += 2;
        }
        out0[c] = mg_finish(a00, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish(a01, &q[1], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a10, &q[0], p->act_min, p->act_max, mode);
        out1[c + 1] = mg_finish(a11, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        int32_t a0 = q[0].bias, a1 = a0;
        const mg_word *b = buf;
        for (int32_t g = 0; g < groups; ++g, w += 1, b += 4) {
            const uint32_t w0 = w[0];
            const uint32_t w0e = mg_sxtb16(w0), w0o = mg_sxtb16_ror8(w0);
            a0 = mg_smlad(b[0], w0e, a0);
            a0 = mg_smlad(b[1], w0o, a0);
            a1 = mg_smlad(b[2], w0e, a1);
            a1 = mg_smlad(b[3], w0o, a1);
        }
        out0[c] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a1, &q[0], p->act_min, p->act_max, mode);
    }
}

/* One group of 4 inputs against 2 channels whose weights MicroGen pre-widened (w: channel 0 even, odd, channel 1 even,
 * odd, as int16 pairs). */
MG_INLINE void group2x2w(const mg_word **w, const mg_word **b, int32_t *a00, int32_t *a01, int32_t *a10, int32_t *a11)
{
    uint32_t x0e, x0o, x1e, x1o, we, wo;
    mg_ldrd_post(b, &x0e, &x0o);
    mg_ldrd_post(b, &x1e, &x1o);
    mg_ldrd_post(w, &we, &wo);
    *a00 = mg_smlad(x0o, wo, mg_smlad(x0e, we, *a00));
    *a10 = mg_smlad(x1o, wo, mg_smlad(x1e, we, *a10));
    mg_ldrd_post(w, &we, &wo);
    *a01 = mg_smlad(x0o, wo, mg_smlad(x0e, we, *a01));
    *a11 = mg_smlad(x1o, wo, mg_smlad(x1e, we, *a11));
}

/* gemm2 with the pre-widened filter (mg_conv2d_s8_pw_dsp16): per channel pair and group of 4 inputs the words
 * (w0, w2), (w1, w3) of the first channel then of the second; an odd last channel alone, two words per group. */
MG_INLINE void gemm2w(const mg_conv_fast_params *p, const mg_word *buf, int8_t *out0, int8_t *out1, const int mode)
{
    const mg_word *w = (const mg_word *)p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const int32_t groups = p->depth >> 2;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        int32_t a00 = q[0].bias, a01 = q[1].bias;
        int32_t a10 = a00, a11 = a01;
        const mg_word *b = buf;
        int32_t g = groups;
        for (; g >= 2; g -= 2) {
            group2x2w(&w, &b, &a00, &a01, &a10, &a11);
            group2x2w(&w, &b, &a00, &a01, &a10, &a11);
        }
        if (g) {
            group2x2w(&w, &b, &a00, &a01, &a10, &a11);
        }
        out0[c] = mg_finish(a00, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish(a01, &q[1], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a10, &q[0], p->act_min, p->act_max, mode);
        out1[c + 1] = mg_finish(a11, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        int32_t a0 = q[0].bias, a1 = a0;
        const mg_word *b = buf;
        for (int32_t g = 0; g < groups; ++g, w += 2, b += 4) {
            a0 = mg_smlad(b[1], w[1], mg_smlad(b[0], w[0], a0));
            a1 = mg_smlad(b[3], w[1], mg_smlad(b[2], w[0], a1));
        }
        out0[c] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a1, &q[0], p->act_min, p->act_max, mode);
    }
}

/* Pointwise: the pixels widened two at a time, then every channel; WIDE: the filter is pre-widened (gemm2w). */
MG_INLINE void pw_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode, const int wide)
{
    const int32_t pixels = p->batches * p->in_h * p->in_w;
    const int32_t in_c = p->in_c, out_c = p->out_c, depth = p->depth;
    mg_word *buf = (mg_word *)scratch;
    int32_t px = 0;
    for (; px + 2 <= pixels; px += 2) {
        widen(input + px * in_c, in_c, depth, buf, 4);
        widen(input + (px + 1) * in_c, in_c, depth, buf + 2, 4);
        if (wide) {
            gemm2w(p, buf, output + px * out_c, output + (px + 1) * out_c, mode);
        } else {
            gemm2(p, buf, output + px * out_c, output + (px + 1) * out_c, mode);
        }
    }
    if (px < pixels) {
        /* An odd last pixel: computed twice, written twice to the same place. */
        widen(input + px * in_c, in_c, depth, buf, 4);
        widen(input + px * in_c, in_c, depth, buf + 2, 4);
        if (wide) {
            gemm2w(p, buf, output + px * out_c, output + px * out_c, mode);
        } else {
            gemm2(p, buf, output + px * out_c, output + px * out_c, mode);
        }
    }
}

/* The patch of output pixel (b, oy, ox) (mg_conv_patch, int8). */
static MG_NOINLINE void patch(const mg_conv_fast_params *p, const int8_t *input, int32_t b, int32_t oy, int32_t ox, int8_t *dst)
{
    mg_conv_patch(p, input, b, oy, ox, dst);
}

MG_INLINE void conv_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode, const int wide)
{
    const int32_t pixels = p->batches * p->out_h * p->out_w;
    const int32_t taps = p->k_h * p->k_w * p->in_c, depth = p->depth;
    mg_word *buf = (mg_word *)scratch;
    int8_t *row = scratch + 4 * depth;
    int32_t b = 0, oy = 0, ox = 0;
    int32_t px = 0;
    for (; px < pixels; px += 2) {
        patch(p, input, b, oy, ox, row);
        widen(row, taps, depth, buf, 4);
        if (++ox == p->out_w) {
            ox = 0;
            if (++oy == p->out_h) {
                oy = 0;
                ++b;
            }
        }
        if (px + 1 == pixels) {
            /* An odd last pixel: computed twice, written twice to the same place. */
            widen(row, taps, depth, buf + 2, 4);
            if (wide) {
                gemm2w(p, buf, output + px * p->out_c, output + px * p->out_c, mode);
            } else {
                gemm2(p, buf, output + px * p->out_c, output + px * p->out_c, mode);
            }
            break;
        }
        patch(p, input, b, oy, ox, row);
        widen(row, taps, depth, buf + 2, 4);
        if (++ox == p->out_w) {
            ox = 0;
            if (++oy == p->out_h) {
                oy = 0;
                ++b;
            }
        }
        if (wide) {
            gemm2w(p, buf, output + px * p->out_c, output + (px + 1) * p->out_c, mode);
        } else {
            gemm2(p, buf, output + px * p->out_c, output + (px + 1) * p->out_c, mode);
        }
    }
}

void mg_conv2d_s8_pw_dsp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_FULL, 0);
}

void mg_conv2d_s8_pw_dsp16(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_FULL, 1);
}

void mg_conv2d_s8_pw_dsp_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_CLAMP, 0);
}

void mg_conv2d_s8_pw_dsp16_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_CLAMP, 1);
}

void mg_conv2d_s8_pw_dsp_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_EXACT, 0);
}

void mg_conv2d_s8_pw_dsp16_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    pw_body(p, input, output, scratch, MG_MODE_EXACT, 1);
}

void mg_conv2d_s8_dsp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_FULL, 0);
}

void mg_conv2d_s8_dsp16(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_FULL, 1);
}

void mg_conv2d_s8_dsp_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_CLAMP, 0);
}

void mg_conv2d_s8_dsp16_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_CLAMP, 1);
}

void mg_conv2d_s8_dsp_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_EXACT, 0);
}

void mg_conv2d_s8_dsp16_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)
{
    conv_body(p, input, output, scratch, MG_MODE_EXACT, 1);
}

#endif /* __ARM_FEATURE_DSP */
