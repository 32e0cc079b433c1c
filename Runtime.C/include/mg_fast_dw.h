/* MicroGen C runtime, internal to the depthwise kernels (mg_depthwise_conv2d_s8_fast.c, _dsp.c): the channel loop and
 * the ring of widened input rows, shared by the portable and the DSP kernels, which only differ in MG_DW_ROW (one
 * output row of one channel). */
#ifndef MG_FAST_DW_H
#define MG_FAST_DW_H

#include "mg_fast.h"

/* Row r of the padded plane (r may be negative: padding) into ring slot `slot`: the channel's values at columns
 * [pad_left, pad_left + in_w), the input zero point elsewhere (the edge columns were filled once per layer). */
MG_INLINE void mg_dw_load_row(const mg_dw_fast_params *p, const int8_t *channel, int32_t r, int16_t *slot)
{
    int16_t *d = slot + p->pad_left;
    if (r < 0 || r >= p->in_h) {
        for (int32_t x = 0; x < p->in_w; ++x) {
            d[x] = (int16_t)p->pad_value;
        }
        return;
    }
    const int32_t step = p->in_c;
    const int8_t *s = channel + r * p->in_w * step;
    int32_t x = 0;
    for (; x + 2 <= p->in_w; x += 2, s += 2 * step) {
        d[x] = s[0];
        d[x + 1] = s[step];
    }
    if (x < p->in_w) {
        d[x] = s[0];
    }
}

/* Loads the filter of output channel oc as int16 taps, each filter row padded to an even width with 0 (so that the
 * DSP kernels read tap pairs as words): taps[ky * 2 * npairs + kx]. Negated when the channel's multiplier is negative
 * (its bias already is). Returns npairs, the tap pairs per row. */
MG_INLINE int32_t mg_dw_load_filter(const mg_dw_fast_params *p, int32_t oc, int16_t *taps)
{
    const int32_t negate = ((const mg_channel *)p->channels)[oc].multiplier < 0;
    const int32_t npairs = (p->k_w + 1) >> 1;
    for (int32_t ky = 0; ky < p->k_h; ++ky) {
        int16_t *t = taps + ky * 2 * npairs;
        for (int32_t kx = 0; kx < 2 * npairs; ++kx) {
            const int32_t w = kx < p->k_w ? p->filter[(ky * p->k_w + kx) * p->out_c + oc] : 0;
            t[kx] = (int16_t)(negate ? -w : w);
        }
    }
    return npairs;
}

/* The whole layer. MG_DW_ROW(p, rows, taps, npairs, stride, k3, q, out, mode) computes output row `out` (stride out_c)
 * of one channel from the k_h ring rows it reads (rows[ky] points at the row's column 0), with the channel's record q
 * whose multiplier is already non-negative. NPAIRS, STRIDE and K3 are constants: the tap pairs per filter row and the
 * column stride of a specialised variant, or 0 for the layer's own; K3 is 1 for a 3x3 filter without column dilation
 * (the rows unrolled), 0 otherwise. */
#define MG_DW_BODY(p, input, output, scratch, mode, NPAIRS, STRIDE, K3)                                                              \
    do {                                                                                                         \
        const int32_t span_ = ((p)->k_h - 1) * (p)->dil_h + 1;                                                   \
        int16_t *ring_ = (int16_t *)(scratch);                                                                   \
        for (int32_t i_ = 0; i_ < span_ * (p)->row_w; ++i_) {                                                    \
            ring_[i_] = (int16_t)(p)->pad_value;                                                                 \
        }                                                                                                        \
        int16_t taps_[2 * MG_DW_FAST_MAX_PAIRS] MG_ALIGNED(4);                                                                     \
        const int16_t *rows_[MG_DW_FAST_MAX_ROWS];                                                               \
        for (int32_t b_ = 0; b_ < (p)->batches; ++b_) {                                                          \
            const int8_t *in_ = (input) + b_ * (p)->in_h * (p)->in_w * (p)->in_c;                                \
            int8_t *out_ = (output) + b_ * (p)->out_h * (p)->out_w * (p)->out_c;                                 \
            for (int32_t oc_ = 0; oc_ < (p)->out_c; ++oc_) {                                                     \
                const int32_t ic_ = oc_ / (p)->depth_multiplier;                                                 \
                const int32_t npairs_ = mg_dw_load_filter((p), oc_, taps_);                                     \
                mg_channel q_ = ((const mg_channel *)(p)->channels)[oc_];                                                          \
                q_.multiplier = q_.multiplier < 0 ? -q_.multiplier : q_.multiplier;                              \
                int32_t next_ = -(p)->pad_top, nslot_ = 0, bslot_ = 0; /* ring slots of rows next_ and r0_ */       \
                for (int32_t y_ = 0; y_ < (p)->out_h; ++y_) {                                                    \
                    const int32_t r0_ = y_ * (p)->stride_h - (p)->pad_top;                                       \
                    if (next_ < r0_) {                                                                           \
                        next_ = r0_;                                                                             \
                        nslot_ = bslot_;                                                                         \
                    }                                                                                            \
                    for (; next_ < r0_ + span_; ++next_) {                                                       \
                        mg_dw_load_row((p), in_ + ic_, next_, ring_ + nslot_ * (p)->row_w);                      \
                        nslot_ = nslot_ + 1 == span_ ? 0 : nslot_ + 1;                                           \
                    }                                                                                            \
                    for (int32_t ky_ = 0; ky_ < (p)->k_h; ++ky_) {                                               \
                        int32_t s_ = bslot_ + ky_ * (p)->dil_h;                                                  \
                        rows_[ky_] = ring_ + (s_ >= span_ ? s_ - span_ : s_) * (p)->row_w;                       \
                    }                                                                                            \
                    for (bslot_ += (p)->stride_h; bslot_ >= span_; bslot_ -= span_) {                            \
                    }                                                                                            \
                    MG_DW_ROW((p), rows_, taps_, (NPAIRS) ? (NPAIRS) : npairs_, (STRIDE) ? (STRIDE) : (p)->stride_w, (K3), &q_, \
                              out_ + y_ * (p)->out_w * (p)->out_c + oc_, mode);                         \
                }                                                                                                \
            }                                                                                                    \
        }                                                                                                        \
    } while (0)

/* The variants of a depthwise kernel: NAME (any filter: the row function handles dilation), NAME_pPsS (filter rows of
 * P tap pairs, i.e. 2P - 1 or 2P taps, column stride S, no column dilation), NAME_k3sS (3x3 filter, column stride S,
 * no column dilation), each in the three requantization variants. */
#define MG_DW_DEFINE_SHAPE(name, NPAIRS, STRIDE, K3)                                                               \
    void name(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)                \
    {                                                                                                            \
        MG_DW_BODY(p, input, output, scratch, MG_MODE_FULL, NPAIRS, STRIDE, K3);                                     \
    }                                                                                                            \
    void name##_clamp(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)        \
    {                                                                                                            \
        MG_DW_BODY(p, input, output, scratch, MG_MODE_CLAMP, NPAIRS, STRIDE, K3);                                    \
    }                                                                                                            \
    void name##_exact(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch)        \
    {                                                                                                            \
        MG_DW_BODY(p, input, output, scratch, MG_MODE_EXACT, NPAIRS, STRIDE, K3);                                    \
    }

#define MG_DW_DEFINE_ALL(name)                                                                                   \
    MG_DW_DEFINE_SHAPE(name, 0, 0, 0)                                                                            \
    MG_DW_DEFINE_SHAPE(name##_k3s1, 2, 1, 1)                                                                     \
    MG_DW_DEFINE_SHAPE(name##_k3s2, 2, 2, 1)                                                                     \
    MG_DW_DEFINE_SHAPE(name##_p2s1, 2, 1, 0)                                                                        \
    MG_DW_DEFINE_SHAPE(name##_p2s2, 2, 2, 0)                                                                        \
    MG_DW_DEFINE_SHAPE(name##_p3s1, 3, 1, 0)                                                                        \
    MG_DW_DEFINE_SHAPE(name##_p3s2, 3, 2, 0)                                                                        \
    MG_DW_DEFINE_SHAPE(name##_p4s1, 4, 1, 0)                                                                        \
    MG_DW_DEFINE_SHAPE(name##_p4s2, 4, 2, 0)

#endif /* MG_FAST_DW_H */
