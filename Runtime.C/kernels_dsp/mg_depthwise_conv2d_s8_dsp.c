/* DEPTHWISE_CONV_2D int8 with the Armv7E-M DSP extension: channel by channel over a ring of widened, padded input rows
 * (see mg_fast_dw.h); per filter row, pairs of taps against pairs of adjacent inputs (one possibly unaligned word load)
 * with SMLAD, two output pixels per step. Specialised for 3, 5 and 7 wide filters at strides 1 and 2, and for 3x3 filters
 * with the rows unrolled. */
#include "mg_fast_dw.h"

#if defined(__ARM_FEATURE_DSP)

MG_INLINE uint32_t load_pair(const int16_t *r)
{
    return mg_load32(r);
}

/* One output row; NPAIRS and S are constants in the specialised calls. */
MG_INLINE void row_pairs(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t npairs,
                         const int32_t s, const mg_channel *q, int8_t *out, const int mode)
{
    const int32_t step = p->out_c, k_h = p->k_h;
    const mg_word *pairs = (const mg_word *)taps;
    int32_t x = 0;
    for (; x + 2 <= p->out_w; x += 2) {
        int32_t a0 = q->bias, a1 = a0;
        const mg_word *w = pairs;
        for (int32_t ky = 0; ky < k_h; ++ky, w += npairs) {
            const int16_t *r = rows[ky] + x * s;
            for (int32_t j = 0; j < npairs; ++j) {
                const uint32_t t = w[j];
                a0 = mg_smlad(load_pair(r + 2 * j), t, a0);
                a1 = mg_smlad(load_pair(r + s + 2 * j), t, a1);
            }
        }
        out[x * step] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        out[(x + 1) * step] = mg_finish(a1, q, p->act_min, p->act_max, mode);
    }
    if (x < p->out_w) {
        int32_t a0 = q->bias;
        const mg_word *w = pairs;
        for (int32_t ky = 0; ky < k_h; ++ky, w += npairs) {
            const int16_t *r = rows[ky] + x * s;
            for (int32_t j = 0; j < npairs; ++j) {
                a0 = mg_smlad(load_pair(r + 2 * j), w[j], a0);
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

/* One filter row of a 3x3 filter against two output pixels at r (column of the first pixel): t01 = (t0, t1),
 * t2 = (t2, 0). Stride 1: the pixels read columns 0..2 and 1..3; stride 2: 0..2 and 2..4. */
MG_INLINE void k3_pair(const int16_t *r, uint32_t t01, uint32_t t2, const int32_t s, int32_t *a0, int32_t *a1)
{
    const uint32_t a = load_pair(r), b = load_pair(r + 2);
    *a0 = mg_smlabb(b, t2, mg_smlad(a, t01, *a0));
    if (s == 1) {
        *a1 = mg_smlatb(b, t2, mg_smlad(load_pair(r + 1), t01, *a1));
    } else {
        *a1 = mg_smlabb(load_pair(r + 4), t2, mg_smlad(b, t01, *a1));
    }
}

/* 3x3 filter, column stride S, no column dilation: the three filter rows unrolled, two output pixels per step. */
MG_INLINE void row_k3(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t s,
                      const mg_channel *q, int8_t *out, const int mode)
{
    const mg_word *t = (const mg_word *)taps;
    const int16_t *r0 = rows[0], *r1 = rows[1], *r2 = rows[2];
    const int32_t step = p->out_c, w = p->out_w;
    const int32_t bias = q->bias;
    int32_t x = 0;
    for (; x + 2 <= w; x += 2, r0 += 2 * s, r1 += 2 * s, r2 += 2 * s, out += 2 * step) {
        int32_t a0 = bias, a1 = bias;
        k3_pair(r0, t[0], t[1], s, &a0, &a1);
        k3_pair(r1, t[2], t[3], s, &a0, &a1);
        k3_pair(r2, t[4], t[5], s, &a0, &a1);
        out[0] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        out[step] = mg_finish(a1, q, p->act_min, p->act_max, mode);
    }
    if (x < w) {
        int32_t a0 = bias;
        a0 = mg_smlabb(load_pair(r0 + 2), t[1], mg_smlad(load_pair(r0), t[0], a0));
        a0 = mg_smlabb(load_pair(r1 + 2), t[3], mg_smlad(load_pair(r1), t[2], a0));
        a0 = mg_smlabb(load_pair(r2 + 2), t[5], mg_smlad(load_pair(r2), t[4], a0));
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
        row_pairs(p, rows, taps, npairs, s, q, out, mode);
    }
}

#define MG_DW_ROW(p, rows, taps, npairs, s, k3, q, out, mode) row((p), (rows), (taps), (npairs), (s), (k3), (q), (out), (mode))

MG_DW_DEFINE_ALL(mg_depthwise_conv2d_s8_dsp)

#endif /* __ARM_FEATURE_DSP */
