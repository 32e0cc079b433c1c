/* CONV_2D int8, optimised portable C (any core): the constants arranged by MicroGen (see mg_fast.h), two output pixels x
 * two output channels per step, input offset folded into the bias, fast requantization where MicroGen proved it exact.
 * Each term is [-127, 127] x [-128, 127] and MicroGen checks the accumulator bound, so int32 accumulation is exact. */
#include "mg_fast.h"

#if defined(__ARM_ARCH_6M__)
/* Armv6-M (Cortex-M0/M0+) has 8 low registers: one pixel against two channels at a time (4 accumulators spill). */
MG_INLINE void gemm_row(const mg_conv_fast_params *p, const int8_t *x0, int8_t *out0, const int mode)
{
    const int8_t *w = p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const int8_t *end = x0 + p->depth;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        int32_t a0 = q[0].bias, a1 = q[1].bias;
        for (const int8_t *x = x0; x < end; x += 4, w += 8) {
            int32_t v = x[0];
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
        out0[c] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish(a1, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        int32_t a0 = q[0].bias;
        for (const int8_t *x = x0; x < end; x += 4, w += 4) {
            a0 += x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + x[3] * w[3];
        }
        out0[c] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
    }
}

MG_INLINE void gemm(const mg_conv_fast_params *p, const int8_t *x0, const int8_t *x1, int8_t *out0, int8_t *out1, const int mode)
{
    gemm_row(p, x0, out0, mode);
    if (out1 != out0) {
        gemm_row(p, x1, out1, mode);
    }
}
#else
/* Both pixels' rows (depth int8 values each, zero-padded by the filter) against every output channel. */
MG_INLINE void gemm(const mg_conv_fast_params *p, const int8_t *x0, const int8_t *x1, int8_t *out0, int8_t *out1, const int mode)
{
    const int8_t *w = p->filter;
    const mg_channel *q = (const mg_channel *)p->channels;
    const int32_t depth = p->depth;
    int32_t c = 0;
    for (; c + 2 <= p->out_c; c += 2, q += 2) {
        int32_t a00 = q[0].bias, a01 = q[1].bias, a10 = a00, a11 = a01;
        for (int32_t k = 0; k < depth; k += 4, w += 8) {
            const int32_t u0 = x0[k], u1 = x0[k + 1], u2 = x0[k + 2], u3 = x0[k + 3];
            const int32_t v0 = x1[k], v1 = x1[k + 1], v2 = x1[k + 2], v3 = x1[k + 3];
            a00 += u0 * w[0] + u1 * w[1] + u2 * w[2] + u3 * w[3];
            a10 += v0 * w[0] + v1 * w[1] + v2 * w[2] + v3 * w[3];
            a01 += u0 * w[4] + u1 * w[5] + u2 * w[6] + u3 * w[7];
            a11 += v0 * w[4] + v1 * w[5] + v2 * w[6] + v3 * w[7];
        }
        out0[c] = mg_finish(a00, &q[0], p->act_min, p->act_max, mode);
        out0[c + 1] = mg_finish(a01, &q[1], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a10, &q[0], p->act_min, p->act_max, mode);
        out1[c + 1] = mg_finish(a11, &q[1], p->act_min, p->act_max, mode);
    }
    if (c < p->out_c) {
        int32_t a0 = q[0].bias, a1 = a0;
        for (int32_t k = 0; k < depth; k += 4, w += 4) {
            a0 += x0[k] * w[0] + x0[k + 1] * w[1] + x0[k + 2] * w[2] + x0[k + 3] * w[3];
            a1 += x1[k] * w[0] + x1[k + 1] * w[1] + x1[k + 2] * w[2] + x1[k + 3] * w[3];
        }
        out0[c] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
        out1[c] = mg_finish(a1, &q[0], p->act_min, p->act_max, mode);
    }
}
#endif

/* One pixel's input row: in_c values then zeros up to depth. */
static MG_NOINLINE void copy_pixel(const int8_t *src, int32_t n, int32_t depth, int8_t *dst)
{
    int32_t k = 0;
    for (; k < n; ++k) {
        dst[k] = src[k];
    }
    for (; k < depth; ++k) {
        dst[k] = 0;
    }
}

MG_INLINE void pw_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode)
{
    const int32_t pixels = p->batches * p->in_h * p->in_w;
    const int32_t in_c = p->in_c, out_c = p->out_c, depth = p->depth;
    int8_t *x0 = scratch, *x1 = scratch + depth;
    int32_t px = 0;
    for (; px + 2 <= pixels; px += 2) {
        copy_pixel(input + px * in_c, in_c, depth, x0);
        copy_pixel(input + (px + 1) * in_c, in_c, depth, x1);
        gemm(p, x0, x1, output + px * out_c, output + (px + 1) * out_c, mode);
    }
    if (px < pixels) {
        /* An odd last pixel: computed twice, written twice to the same place. */
        copy_pixel(input + px * in_c, in_c, depth, x0);
        gemm(p, x0, x0, output + px * out_c, output + px * out_c, mode);
    }
}

/* The patch of output pixel (b, oy, ox) in [k_h][k_w][in_c] order, padding read as the input zero point. */
static MG_NOINLINE void patch(const mg_conv_fast_params *p, const int8_t *input, int32_t b, int32_t oy, int32_t ox, int8_t *dst)
{
    const int32_t in_c = p->in_c;
    const int8_t pad = (int8_t)p->pad_value;
    int8_t *d = dst;
    for (int32_t ky = 0; ky < p->k_h; ++ky) {
        const int32_t y = oy * p->stride_h - p->pad_top + ky * p->dil_h;
        for (int32_t kx = 0; kx < p->k_w; ++kx) {
            const int32_t x = ox * p->stride_w - p->pad_left + kx * p->dil_w;
            if (y < 0 || y >= p->in_h || x < 0 || x >= p->in_w) {
                for (int32_t i = 0; i < in_c; ++i) {
                    d[i] = pad;
                }
            } else {
                const int8_t *s = input + ((b * p->in_h + y) * p->in_w + x) * in_c;
                for (int32_t i = 0; i < in_c; ++i) {
                    d[i] = s[i];
                }
            }
            d += in_c;
        }
    }
    while (d < dst + p->depth) {
        *d++ = 0;
    }
}

MG_INLINE void conv_body(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch, const int mode)
{
    const int32_t pixels = p->batches * p->out_h * p->out_w;
    int8_t *x0 = scratch, *x1 = scratch + p->depth;
    int32_t b = 0, oy = 0, ox = 0;
    for (int32_t px = 0; px < pixels; px += 2) {
        patch(p, input, b, oy, ox, x0);
        const int two = px + 1 < pixels;
        if (++ox == p->out_w) {
            ox = 0;
            if (++oy == p->out_h) {
                oy = 0;
                ++b;
            }
        }
        if (two) {
            patch(p, input, b, oy, ox, x1);
            if (++ox == p->out_w) {
                ox = 0;
                if (++oy == p->out_h) {
                    oy = 0;
                    ++b;
                }
            }
        }
        /* An odd last pixel is computed twice and written twice to the same place. */
        gemm(p, x0, two ? x1 : x0, output + px * p->out_c, output + (px + two) * p->out_c, mode);
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
