/* DEPTHWISE_CONV_2D int8, optimised portable C: channel by channel over a ring of widened, padded input rows (see
 * mg_fast_dw.h), two output pixels per step, input offset folded into the bias, fast requantization where exact. */
#include "mg_fast_dw.h"

/* One output row; S and NPAIRS are constants in the specialised calls (0 for NPAIRS: any width). */
MG_INLINE void row_taps(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t npairs,
                        const int32_t s, const mg_channel *q, int8_t *out, const int mode)
{
    const int32_t step = p->out_c, width = 2 * npairs, k_h = p->k_h;
    int32_t x = 0;
    for (; x + 2 <= p->out_w; x += 2) {
        int32_t a0 = q->bias, a1 = a0;
        const int16_t *t = taps;
        for (int32_t ky = 0; ky < k_h; ++ky, t += width) {
            const int16_t *r = rows[ky] + x * s;
            for (int32_t kx = 0; kx < width; ++kx) {
                a0 += r[kx] * t[kx];
                a1 += r[s + kx] * t[kx];
            }
        }
        out[x * step] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        out[(x + 1) * step] = mg_finish(a1, q, p->act_min, p->act_max, mode);
    }
    if (x < p->out_w) {
        int32_t a0 = q->bias;
        const int16_t *t = taps;
        for (int32_t ky = 0; ky < k_h; ++ky, t += width) {
            const int16_t *r = rows[ky] + x * s;
            for (int32_t kx = 0; kx < width; ++kx) {
                a0 += r[kx] * t[kx];
            }
        }
        out[x * step] = mg_finish(a0, q, p->act_min, p->act_max, mode);
    }
}

/* Dilated columns: every tap at its own column. */
MG_INLINE void row_dilated(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t npairs,
                           const mg_channel *q, int8_t *out, const int mode)
{
    for (int32_t x = 0; x < p->out_w; ++x) {
        int32_t a0 = q->bias;
        for (int32_t ky = 0; ky < p->k_h; ++ky) {
            const int16_t *r = rows[ky] + x * p->stride_w;
            const int16_t *t = taps + ky * 2 * npairs;
            for (int32_t kx = 0; kx < p->k_w; ++kx) {
                a0 += r[kx * p->dil_w] * t[kx];
            }
        }
        out[x * p->out_c] = mg_finish(a0, q, p->act_min, p->act_max, mode);
    }
}

/* 3x3 filter, column stride S, no column dilation: the three filter rows unrolled, two output pixels per step (taps
 * t[ky * 4 + kx], see mg_dw_load_filter). */
MG_INLINE void row_k3(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *t, const int32_t s,
                      const mg_channel *q, int8_t *out, const int mode)
{
    const int32_t t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[4], t4 = t[5], t5 = t[6], t6 = t[8], t7 = t[9], t8 = t[10];
    const int16_t *r0 = rows[0], *r1 = rows[1], *r2 = rows[2];
    const int32_t step = p->out_c, w = p->out_w;
    int32_t x = 0;
    for (; x + 2 <= w; x += 2, r0 += 2 * s, r1 += 2 * s, r2 += 2 * s, out += 2 * step) {
        int32_t a0 = q->bias, a1 = a0;
        a0 += r0[0] * t0 + r0[1] * t1 + r0[2] * t2 + r1[0] * t3 + r1[1] * t4 + r1[2] * t5 + r2[0] * t6 + r2[1] * t7 + r2[2] * t8;
        a1 += r0[s] * t0 + r0[s + 1] * t1 + r0[s + 2] * t2 + r1[s] * t3 + r1[s + 1] * t4 + r1[s + 2] * t5 + r2[s] * t6 + r2[s + 1] * t7
              + r2[s + 2] * t8;
        out[0] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        out[step] = mg_finish(a1, q, p->act_min, p->act_max, mode);
    }
    if (x < w) {
        int32_t a0 = q->bias;
        a0 += r0[0] * t0 + r0[1] * t1 + r0[2] * t2 + r1[0] * t3 + r1[1] * t4 + r1[2] * t5 + r2[0] * t6 + r2[1] * t7 + r2[2] * t8;
        out[0] = mg_finish(a0, q, p->act_min, p->act_max, mode);
    }
}

MG_INLINE void row(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t npairs, const int32_t s,
                   const int k3, const mg_channel *q, int8_t *out, const int mode)
{
    if (k3) {
        row_k3(p, rows, taps, s, q, out, mode);
    } else if (p->dil_w != 1) {
        row_dilated(p, rows, taps, npairs, q, out, mode);
    } else {
        row_taps(p, rows, taps, npairs, s, q, out, mode);
    }
}

#define MG_DW_ROW(p, rows, taps, npairs, s, k3, q, out, mode) row((p), (rows), (taps), (npairs), (s), (k3), (q), (out), (mode))

MG_DW_DEFINE_ALL(mg_depthwise_conv2d_s8_fast)

