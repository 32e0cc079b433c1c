/* MicroGen C runtime: the optimised convolution, depthwise and fully-connected kernels (portable C in kernels/, DSP in
 * kernels_dsp/). MicroGen arranges their constants at generation time:
 *   - per output channel one mg_channel record: the bias with the input offset folded in (bias + input_offset *
 *     sum(filter), exact in int32), so the kernels accumulate the raw int8 inputs, and the requantization constants;
 *   - the filters of CONV_2D and FULLY_CONNECTED in the order the kernels read them (see each kernel);
 *   - padding reads as the input zero point (-input_offset), whose folded contribution is zero.
 * Every kernel comes in three variants: NAME (fast requantization, output clamped to [-128, 127] only), NAME_clamp
 * (fast requantization, clamp to [act_min, act_max]) and NAME_exact (TFLite's MultiplyByQuantizedMultiplier, clamp).
 *
 * Fast requantization, bit-exact with mg_requantize(acc, M, -e) + output_zero_point for M >= 0 and e >= 1: with
 * K = 2^(e-1) + output_zero_point * 2^e, x = floor((acc * M + 2^30) / 2^31) + K, the result is (x - [acc < 0]) >> e.
 * (Rounding half away from zero of x / 2^e needs [x < 0], and x < 0 exactly when acc < 0 unless x == 0, where both give
 * the same result.) MicroGen uses it only when it proved, from the filter and bias, that |acc| < 2^30 and that x cannot
 * overflow; a negative multiplier is made positive by negating the channel's filter and bias, a zero multiplier gets
 * e = 1; otherwise the layer uses the _exact variant. */
#ifndef MG_FAST_H
#define MG_FAST_H

#include "mg_runtime.h"
#if defined(__ARM_FEATURE_DSP)
#include "mg_dsp.h"
#endif

#if defined(__GNUC__)
typedef uint32_t __attribute__((__may_alias__)) mg_word;
#else
typedef uint32_t mg_word;
#endif

/* A 32-bit load from any address (an unaligned LDR on Armv7-M; bytes on Armv6-M). __builtin_memcpy, because the
 * firmware is built -ffreestanding, where a plain memcpy stays a library call. */
MG_INLINE uint32_t mg_load32(const void *p)
{
    uint32_t v;
#if defined(__GNUC__)
    __builtin_memcpy(&v, p, 4);
#else
    memcpy(&v, p, 4);
#endif
    return v;
}

MG_INLINE void mg_store32(void *p, uint32_t v)
{
#if defined(__GNUC__)
    __builtin_memcpy(p, &v, 4);
#else
    memcpy(p, &v, 4);
#endif
}

/* One output channel: what remains to do after the accumulation. Exact variants: offset is the output zero point and
 * shift TFLite's shift. */
typedef struct {
    int32_t bias;
    int32_t multiplier;
    int32_t offset;
    int32_t shift;
} mg_channel;

#define MG_MODE_FULL 0
#define MG_MODE_CLAMP 1
#define MG_MODE_EXACT 2

#if defined(__ARM_ARCH_6M__)
/* floor((acc * m + 2^30) / 2^31) for |acc| < 2^30 and 0 <= m < 2^31 without a 64-bit multiply, which Armv6-M lacks (the
 * library call costs dozens of instructions): with acc = ah * 2^16 + al and m = mh * 2^16 + ml (al, ml in [0, 2^16)),
 * acc * m = 2 ah mh 2^31 + (ah ml + al mh) 2^16 + al ml; the middle terms are split at bit 15 so that every partial
 * sum fits 32 bits, and the low bit of al ml cannot change the floor. */
MG_INLINE int32_t mg_high_mul_q31(int32_t acc, int32_t m)
{
    const int32_t ah = acc >> 16, mh = m >> 16;
    const uint32_t al = (uint32_t)acc & 0xFFFFu, ml = (uint32_t)m & 0xFFFFu;
    const int32_t mid1 = ah * (int32_t)ml;   /* |.| < 2^30 */
    const uint32_t mid2 = al * (uint32_t)mh; /* < 2^31 */
    const uint32_t lo = al * ml;
    const uint32_t r = ((uint32_t)mid1 & 0x7FFFu) + (mid2 & 0x7FFFu);
    const int32_t q = (mid1 >> 15) + (int32_t)(mid2 >> 15) + (int32_t)(r >> 15);
    const uint32_t n = ((r & 0x7FFFu) << 15) + (lo >> 1) + (1u << 29);
    return 2 * ah * mh + q + (int32_t)(n >> 30);
}
#endif

MG_INLINE int32_t mg_fast_requantize(int32_t acc, int32_t multiplier, int32_t offset, int32_t e)
{
#if defined(__ARM_FEATURE_DSP)
    const int32_t x = mg_smmlar((int32_t)((uint32_t)acc << 1), multiplier, offset);
#elif defined(__ARM_ARCH_6M__)
    const int32_t x = mg_high_mul_q31(acc, multiplier) + offset;
#else
    const int32_t x = (int32_t)(((int64_t)acc * multiplier + ((int64_t)1 << 30)) >> 31) + offset;
#endif
    return (x + (acc >> 31)) >> e;
}

MG_INLINE int32_t mg_ssat8(int32_t v)
{
#if defined(__ARM_FEATURE_SAT) || defined(__ARM_FEATURE_DSP)
    int32_t r;
    __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(v));
    return r;
#else
    return MG_CLAMP(v, -128, 127);
#endif
}

/* The int8 output of one accumulator. `mode` is a constant in every caller, so each variant keeps only its branch. */
MG_INLINE int8_t mg_finish(int32_t acc, const mg_channel *q, int32_t act_min, int32_t act_max, const int mode)
{
    int32_t v;
    if (mode == MG_MODE_EXACT) {
        v = mg_requantize(acc, q->multiplier, q->shift) + q->offset;
    } else {
        v = mg_fast_requantize(acc, q->multiplier, q->offset, q->shift);
    }
    if (mode == MG_MODE_FULL) {
        return (int8_t)mg_ssat8(v);
    }
    return (int8_t)MG_CLAMP(v, act_min, act_max);
}

/* CONV_2D (groups = 1). depth = k_h * k_w * in_c rounded up to a multiple of 4. filter: output channels in pairs; for
 * each pair, per group of 4 taps (in [k_h][k_w][in_c] order, zero beyond the real taps), the 4 int8 weights of the first
 * channel then those of the second; an odd last channel alone, 4 weights per group. The portable kernels
 * (mg_conv2d_s8_fast.c) take each weight as the unsigned byte w + 128 and the bias less 128 * sum(w). */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t depth, pad_value, act_min, act_max;
    const int8_t *filter;
    const int32_t *channels; /* mg_channel records */
} mg_conv_fast_params;

/* n bytes of value v at d. */
MG_INLINE void mg_fill8(int8_t *d, int32_t n, int8_t v)
{
    for (int32_t i = 0; i < n; ++i) {
        d[i] = v;
    }
}

/* n bytes from s to d, a word at a time. */
MG_INLINE void mg_copy8(int8_t *d, const int8_t *s, int32_t n)
{
    int32_t i = 0;
    for (; i + 4 <= n; i += 4) {
        mg_store32(d + i, mg_load32(s + i));
    }
    for (; i < n; ++i) {
        d[i] = s[i];
    }
}

/* The k_h * k_w * in_c inputs of output pixel (b, oy, ox) in [k_h][k_w][in_c] order (im2col), padding read as
 * pad_value. Without column dilation a filter row reads one contiguous run of the input row, copied at once between
 * its padded ends. */
MG_INLINE void mg_conv_patch(const mg_conv_fast_params *p, const int8_t *input, int32_t b, int32_t oy, int32_t ox, int8_t *dst)
{
    const int32_t in_c = p->in_c, k_w = p->k_w, row_bytes = k_w * in_c;
    const int8_t pad = (int8_t)p->pad_value;
    const int32_t x0 = ox * p->stride_w - p->pad_left;
    int8_t *d = dst;
    for (int32_t ky = 0; ky < p->k_h; ++ky, d += row_bytes) {
        const int32_t y = oy * p->stride_h - p->pad_top + ky * p->dil_h;
        if (y < 0 || y >= p->in_h) {
            mg_fill8(d, row_bytes, pad);
            continue;
        }
        const int8_t *row = input + (b * p->in_h + y) * p->in_w * in_c;
        if (p->dil_w == 1) {
            /* Taps [lo, hi) of the filter row fall inside the input row. */
            const int32_t lo = x0 < 0 ? (-x0 < k_w ? -x0 : k_w) : 0;
            int32_t hi = p->in_w - x0 < k_w ? p->in_w - x0 : k_w;
            hi = hi < lo ? lo : hi;
            mg_fill8(d, lo * in_c, pad);
            mg_copy8(d + lo * in_c, row + (x0 + lo) * in_c, (hi - lo) * in_c);
            mg_fill8(d + hi * in_c, (k_w - hi) * in_c, pad);
            continue;
        }
        for (int32_t kx = 0; kx < k_w; ++kx) {
            const int32_t x = x0 + kx * p->dil_w;
            if (x < 0 || x >= p->in_w) {
                mg_fill8(d + kx * in_c, in_c, pad);
            } else {
                mg_copy8(d + kx * in_c, row + x * in_c, in_c);
            }
        }
    }
}

/* Pointwise (1x1, stride 1, no padding): two pixels at a time copied to scratch before their outputs are written, so
 * the same kernel also streams over overlapping input and output regions (see mg_conv2d_1x1_s8_stream). */
#define MG_CONV_PW_FAST_SCRATCH_BYTES(p_depth) (2 * (p_depth))
void mg_conv2d_s8_pw_fast(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_fast_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_fast_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* Any window: the patches of two output pixels gathered (im2col) into scratch, then the pointwise loop. */
#define MG_CONV_FAST_SCRATCH_BYTES(p_depth) (2 * (p_depth))
void mg_conv2d_s8_fast(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_fast_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_fast_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* DSP: the two pixels' inputs widened to int16 pairs in scratch (for each group of 4 inputs a0..a3 the words (a0, a2)
 * and (a1, a3), which SXTB16 of the filter word matches), 2 pixels x 2 channels per step with SMLAD. */
#define MG_CONV_PW_DSP_SCRATCH_BYTES(p_depth) (4 * (p_depth))
void mg_conv2d_s8_pw_dsp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_dsp_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_dsp_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* DSP pointwise with the filter pre-widened by MicroGen (int16, twice the bytes): per channel pair and group of 4 inputs
 * w0..w3, the words (w0, w2), (w1, w3) of the first channel then of the second; an odd last channel alone. Saves the
 * SXTB16 of the weights. Scratch as mg_conv2d_s8_pw_dsp. */
void mg_conv2d_s8_pw_dsp16(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_dsp16_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_pw_dsp16_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* DSP, any window: int8 patch row, widened as above. */
#define MG_CONV_DSP_SCRATCH_BYTES(p_depth) (5 * (p_depth))
void mg_conv2d_s8_dsp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_dsp_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_dsp_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
/* DSP, any window, with the filter pre-widened as for mg_conv2d_s8_pw_dsp16. Scratch as mg_conv2d_s8_dsp. */
void mg_conv2d_s8_dsp16(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_dsp16_clamp(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
void mg_conv2d_s8_dsp16_exact(const mg_conv_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);

/* DEPTHWISE_CONV_2D, channel by channel: the channel's input rows are gathered, widened to int16 and padded with the
 * input zero point into a ring of span = (k_h - 1) * dil_h + 1 rows of row_w elements (scratch), one output row at a
 * time. With depth multiplier 1 the output may be the input itself (in place): output row y of channel c only
 * overwrites input bytes of channel c that are already in the ring (MicroGen checks the geometry). filter is TFLite's
 * [k_h][k_w][out_c]; a channel whose multiplier is negative has its filter negated by the kernel (bias already is). */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w, out_c, depth_multiplier;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t row_w, pad_value, act_min, act_max;
    const int8_t *filter;
    const int32_t *channels; /* mg_channel records */
} mg_dw_fast_params;

#define MG_DW_FAST_MAX_PAIRS 128 /* k_h * ceil(k_w / 2) */
#define MG_DW_FAST_MAX_ROWS 32
#define MG_DW_FAST_SCRATCH_BYTES(p_span, p_row_w) (2 * (p_span) * (p_row_w))
#define MG_DW_DECLARE(name)                                                                                      \
    void name(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);                 \
    void name##_clamp(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);         \
    void name##_exact(const mg_dw_fast_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
/* NAME: any filter; NAME_pPsS: filter rows of P tap pairs (2P - 1 or 2P taps), column stride S, no column dilation;
 * NAME_k3sS: 3x3 filter, column stride S, no column dilation. */
#define MG_DW_DECLARE_ALL(name)                                                                                  \
    MG_DW_DECLARE(name)                                                                                          \
    MG_DW_DECLARE(name##_k3s1)                                                                                   \
    MG_DW_DECLARE(name##_k3s2)                                                                                   \
    MG_DW_DECLARE(name##_p2s1)                                                                                   \
    MG_DW_DECLARE(name##_p2s2)                                                                                   \
    MG_DW_DECLARE(name##_p3s1)                                                                                   \
    MG_DW_DECLARE(name##_p3s2)                                                                                   \
    MG_DW_DECLARE(name##_p4s1)                                                                                   \
    MG_DW_DECLARE(name##_p4s2)
MG_DW_DECLARE_ALL(mg_depthwise_conv2d_s8_fast)
MG_DW_DECLARE_ALL(mg_depthwise_conv2d_s8_dsp)

/* DEPTHWISE_CONV_2D with depth multiplier 1, pixel by pixel in raster order (for narrow maps with many channels, where
 * the channel-by-channel kernel pays its per-row cost for few outputs): for each output pixel the addresses of its
 * k_h * k_w window pixels are listed in scratch (padding: a scratch pixel of pad_value bytes), then per group of 4
 * channels the taps are accumulated in registers and the 4 outputs written. A pixel's outputs are written after its
 * window was listed, in raster order, so the output may start ahead of the input and overlap it (MicroGen's
 * RasterOverlap keeps every write below the first input byte this and later windows read).
 * filter: per group of 4 channels (zero weights beyond in_c), per tap in [k_h][k_w] order, the 4 channels' weights;
 * negated for channels whose multiplier is negative. scratch: k_h * k_w pointers, then, when some window reaches into
 * the padding (padded = 1), the pad pixel (in_c rounded up to 4 bytes). */
typedef struct {
    int32_t batches, in_h, in_w, in_c, out_h, out_w;
    int32_t k_h, k_w, stride_h, stride_w, dil_h, dil_w, pad_top, pad_left;
    int32_t padded, pad_value, act_min, act_max;
    const int8_t *filter;
    const int32_t *channels; /* mg_channel records */
} mg_dw_pixel_params;

#define MG_DW_PIXEL_SCRATCH_BYTES(p_taps, p_in_c, p_padded)                                                      \
    ((int32_t)sizeof(const int8_t *) * (p_taps) + ((p_padded) ? ((p_in_c) + 3) / 4 * 4 : 0))
#define MG_DW_PIXEL_DECLARE(name)                                                                                \
    void name(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch);                \
    void name##_clamp(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch);        \
    void name##_exact(const mg_dw_pixel_params *p, const int8_t *input, int8_t *output, int8_t *scratch);
MG_DW_PIXEL_DECLARE(mg_depthwise_conv2d_s8_pixel_fast)
MG_DW_PIXEL_DECLARE(mg_depthwise_conv2d_s8_pixel_dsp)

/* FULLY_CONNECTED (filter zero point 0). depth4 = depth rounded up to a multiple of 4. filter: units in quads; for each
 * quad, per group of 4 inputs (zero beyond depth), the 4 weights of each unit in turn; then the remaining units one by
 * one, 4 weights per group. */
typedef struct {
    int32_t batches, depth, units, depth4, act_min, act_max;
    const int8_t *filter;
    const int32_t *channels; /* mg_channel records */
} mg_fc_fast_params;

void mg_fully_connected_s8_fast(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);
void mg_fully_connected_s8_fast_clamp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);
void mg_fully_connected_s8_fast_exact(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);
void mg_fully_connected_s8_dsp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);
void mg_fully_connected_s8_dsp_clamp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);
void mg_fully_connected_s8_dsp_exact(const mg_fc_fast_params *p, const int8_t *input, int8_t *output);

#endif /* MG_FAST_H */
