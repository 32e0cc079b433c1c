/* DEPTHWISE_CONV_2D int8 (depth multiplier 1), optimised portable C, pixel by pixel (see mg_fast_dw_pixel.h): 4
 * channels per step with the accumulators in registers, input offset folded into the bias, fast requantization where
 * exact. */
#include "mg_fast_dw_pixel.h"

MG_INLINE void group4(const mg_dw_pixel_params *p, const int8_t *const *taps, int32_t ntaps, int32_t c0, const int8_t *w,
                      const mg_channel *q, int8_t *out, const int mode)
{
    int32_t a0 = q[0].bias, a1 = q[1].bias, a2 = q[2].bias, a3 = q[3].bias;
    for (int32_t t = 0; t < ntaps; ++t, w += 4) {
        const int8_t *x = taps[t] + c0;
        a0 += x[0] * w[0];
        a1 += x[1] * w[1];
        a2 += x[2] * w[2];
        a3 += x[3] * w[3];
    }
    out[0] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
    out[1] = mg_finish(a1, &q[1], p->act_min, p->act_max, mode);
    out[2] = mg_finish(a2, &q[2], p->act_min, p->act_max, mode);
    out[3] = mg_finish(a3, &q[3], p->act_min, p->act_max, mode);
}

MG_DW_PIXEL_DEFINE(mg_depthwise_conv2d_s8_pixel_fast, group4)
