/* DEPTHWISE_CONV_2D int8 with the Armv7E-M DSP extension: channel by channel over a ring of widened, padded input rows
 * (see mg_fast_dw.h); per filter row, pairs of taps against pairs of adjacent inputs (one possibly unaligned word load)
 * with SMLAD, two output pixels per step. Specialised for 3, 5 and 7 wide filters at strides 1 and 2. */
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

MG_INLINE void row(const mg_dw_fast_params *p, const int16_t *const *rows, const int16_t *taps, const int32_t npairs, const int32_t s,
                   const mg_channel *q, int8_t *out, const int mode)
{
    if (p->dil_w != 1) {
        row_dilated(p, rows, taps, npairs, q, out, mode);
    } else {
        row_pairs(p, rows, taps, npairs, s, q, out, mode);
    }
}

#define MG_DW_ROW(p, rows, taps, npairs, s, q, out, mode) row((p), (rows), (taps), (npairs), (s), (q), (out), (mode))

MG_DW_DEFINE_ALL(mg_depthwise_conv2d_s8_dsp)

#endif /* __ARM_FEATURE_DSP */
