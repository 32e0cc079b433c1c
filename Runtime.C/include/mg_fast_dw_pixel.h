/* MicroGen C runtime, internal to the pixel-order depthwise kernels (mg_depthwise_conv2d_s8_pixel_fast.c, _pixel_dsp.c): the
 * walk over output pixels and the window's address list, shared by the portable and the DSP kernels, which only differ
 * in MG_DW_PIXEL_GROUP (4 channels of one output pixel). */
#ifndef MG_FAST_DW_PIXEL_H
#define MG_FAST_DW_PIXEL_H

#include "mg_fast.h"

/* Channels c0 .. c0 + n - 1 (n < 4) of one output pixel, one at a time: the last, partial group. */
MG_INLINE void mg_dw_pixel_tail(const mg_dw_pixel_params *p, const int8_t *const *taps, int32_t ntaps, int32_t c0, int32_t n,
                                const int8_t *w, const mg_channel *q, int8_t *out, const int mode)
{
    for (int32_t j = 0; j < n; ++j) {
        int32_t acc = q[j].bias;
        for (int32_t t = 0; t < ntaps; ++t) {
            acc += taps[t][c0 + j] * w[4 * t + j];
        }
        out[j] = mg_finish(acc, &q[j], p->act_min, p->act_max, mode);
    }
}

/* The whole layer. GROUP(p, taps, ntaps, c0, w, q, out, mode) computes channels c0 .. c0 + 3 of one output pixel from
 * the window addresses taps[0 .. ntaps - 1], the group's weights w (4 per tap) and its 4 channel records q. */
#define MG_DW_PIXEL_BODY(p, input, output, scratch, mode, GROUP)                                                   \
    do {                                                                                                         \
        const int8_t **taps_ = (const int8_t **)(void *)(scratch);                                               \
        const int32_t ntaps_ = (p)->k_h * (p)->k_w, c_ = (p)->in_c, c4_ = c_ & ~3;                                 \
        int8_t *pad_ = (scratch) + (int32_t)sizeof(const int8_t *) * ntaps_;                                     \
        for (int32_t i_ = 0; (p)->padded && i_ < c_; ++i_) {                                                     \
            pad_[i_] = (int8_t)(p)->pad_value;                                                                   \
        }                                                                                                        \
        const mg_channel *channels_ = (const mg_channel *)(p)->channels;                                         \
        int8_t *out_ = (output);                                                                                 \
        for (int32_t b_ = 0; b_ < (p)->batches; ++b_) {                                                          \
            const int8_t *in_ = (input) + b_ * (p)->in_h * (p)->in_w * c_;                                       \
            for (int32_t y_ = 0; y_ < (p)->out_h; ++y_) {                                                        \
                const int32_t y0_ = y_ * (p)->stride_h - (p)->pad_top;                                           \
                for (int32_t x_ = 0; x_ < (p)->out_w; ++x_, out_ += c_) {                                        \
                    const int32_t x0_ = x_ * (p)->stride_w - (p)->pad_left;                                      \
                    int32_t n_ = 0;                                                                              \
                    for (int32_t ky_ = 0, iy_ = y0_; ky_ < (p)->k_h; ++ky_, iy_ += (p)->dil_h) {                 \
                        const int32_t row_ok_ = iy_ >= 0 && iy_ < (p)->in_h;                                     \
                        const int8_t *row_ = row_ok_ ? in_ + iy_ * (p)->in_w * c_ : in_;                             \
                        for (int32_t kx_ = 0, ix_ = x0_; kx_ < (p)->k_w; ++kx_, ix_ += (p)->dil_w) {             \
                            taps_[n_++] = row_ok_ && ix_ >= 0 && ix_ < (p)->in_w ? row_ + ix_ * c_ : pad_;       \
                        }                                                                                        \
                    }                                                                                            \
                    const int8_t *w_ = (p)->filter;                                                              \
                    int32_t g_ = 0;                                                                              \
                    for (; g_ < c4_; g_ += 4, w_ += 4 * ntaps_) {                                                \
                        GROUP((p), taps_, ntaps_, g_, w_, channels_ + g_, out_ + g_, mode);                     \
                    }                                                                                            \
                    if (g_ < c_) {                                                                               \
                        mg_dw_pixel_tail((p), taps_, ntaps_, g_, c_ - g_, w_, channels_ + g_, out_ + g_, mode);  \
                    }                                                                                            \
                }                                                                                                \
            }                                                                                                    \
        }                                                                                                        \
    } while (0)

#define MG_DW_PIXEL_DEFINE(name, GROUP)                                                                          \
    void name(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch)                 \
    {                                                                                                            \
        MG_DW_PIXEL_BODY(p, input, output, scratch, MG_MODE_FULL, GROUP);                                        \
    }                                                                                                            \
    void name##_clamp(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch)         \
    {                                                                                                            \
        MG_DW_PIXEL_BODY(p, input, output, scratch, MG_MODE_CLAMP, GROUP);                                       \
    }                                                                                                            \
    void name##_exact(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch)         \
    {                                                                                                            \
        MG_DW_PIXEL_BODY(p, input, output, scratch, MG_MODE_EXACT, GROUP);                                       \
    }

#endif /* MG_FAST_DW_PIXEL_H */
