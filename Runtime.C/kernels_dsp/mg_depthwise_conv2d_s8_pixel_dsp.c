/* DEPTHWISE_CONV_2D int8 (depth multiplier 1) with the Armv7E-M DSP extension, pixel by pixel (see mg_fast_dw_pixel.h):
 * per tap one word of 4 inputs and one of 4 weights, split into even and odd channels with SXTB16, and four 16 x 16
 * multiply-accumulates (SMLABB, SMLATT). */
#include "mg_fast_dw_pixel.h"

#if defined(__ARM_FEATURE_DSP)

MG_INLINE void group4(const mg_dw_pixel_params *p, const int8_t *const *taps, int32_t ntaps, int32_t c0, const int8_t *w,
                      const mg_channel *q, int8_t *out, const int mode)
{
    int32_t a0 = q[0].bias, a1 = q[1].bias, a2 = q[2].bias, a3 = q[3].bias;
    for (int32_t t = 0; t < ntaps; ++t, w += 4) {
        const uint32_t x = mg_load32(taps[t] + c0), k = mg_load32(w);
        const uint32_t xe = mg_sxtb16(x), xo = mg_sxtb16_ror8(x), ke = mg_sxtb16(k), ko = mg_sxtb16_ror8(k);
        a0 = mg_smlabb(xe, ke, a0);
        a2 = mg_smlatt(xe, ke, a2);
        a1 = mg_smlabb(xo, ko, a1);
        a3 = mg_smlatt(xo, ko, a3);
    }
    out[0] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
    out[1] = mg_finish(a1, &q[1], p->act_min, p->act_max, mode);
    out[2] = mg_finish(a2, &q[2], p->act_min, p->act_max, mode);
    out[3] = mg_finish(a3, &q[3], p->act_min, p->act_max, mode);
}

MG_DW_PIXEL_DEFINE(mg_depthwise_conv2d_s8_pixel_dsp, group4)

#endif /* __ARM_FEATURE_DSP */
