/* FULLY_CONNECTED int8 with the Armv7E-M DSP extension: four units per pass over the input row; per group of 4 inputs
 * one (possibly unaligned) input word split by SXTB16, four filter words (one per unit) split likewise, eight SMLAD.
 * The filter arrangement and the requantization are described in mg_fast.h. */
#include "mg_fast.h"

#if defined(__ARM_FEATURE_DSP)

MG_INLINE int32_t dot4(uint32_t xe, uint32_t xo, uint32_t w, int32_t acc)
{
    return mg_smlad(xo, mg_sxtb16_ror8(w), mg_smlad(xe, mg_sxtb16(w), acc));
}

MG_INLINE void fc_body(const mg_fc_fast_params *p, const int8_t *input, int8_t *output, const int mode)
{
    const int32_t groups = p->depth4 >> 2, full = p->depth >> 2, tail = p->depth & 3;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *x = input + b * p->depth;
        int8_t *out = output + b * p->units;
        uint32_t last = 0;
        for (int32_t i = 0; i < tail; ++i) {
            last |= (uint32_t)(uint8_t)x[4 * full + i] << (8 * i);
        }
        const mg_word *w = (const mg_word *)p->filter;
        const mg_channel *q = (const mg_channel *)p->channels;
        int32_t u = 0;
        for (; u + 4 <= p->units; u += 4, q += 4) {
            int32_t a0 = q[0].bias, a1 = q[1].bias, a2 = q[2].bias, a3 = q[3].bias;
            const int8_t *xs = x;
            for (int32_t g = 0; g < groups; ++g, xs += 4, w += 4) {
                const uint32_t v = g < full ? mg_load32(xs) : last;
                const uint32_t xe = mg_sxtb16(v), xo = mg_sxtb16_ror8(v);
                a0 = dot4(xe, xo, w[0], a0);
                a1 = dot4(xe, xo, w[1], a1);
                a2 = dot4(xe, xo, w[2], a2);
                a3 = dot4(xe, xo, w[3], a3);
            }
            out[u] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
            out[u + 1] = mg_finish(a1, &q[1], p->act_min, p->act_max, mode);
            out[u + 2] = mg_finish(a2, &q[2], p->act_min, p->act_max, mode);
            out[u + 3] = mg_finish(a3, &q[3], p->act_min, p->act_max, mode);
        }
        for (; u < p->units; ++u, ++q) {
            int32_t a0 = q->bias;
            const int8_t *xs = x;
            for (int32_t g = 0; g < groups; ++g, xs += 4, ++w) {
                const uint32_t v = g < full ? mg_load32(xs) : last;
                a0 = dot4(mg_sxtb16(v), mg_sxtb16_ror8(v), w[0], a0);
            }
            out[u] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        }
    }
}

void mg_fully_connected_s8_dsp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_FULL);
}

void mg_fully_connected_s8_dsp_clamp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_CLAMP);
}

void mg_fully_connected_s8_dsp_exact(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_EXACT);
}

#endif /* __ARM_FEATURE_DSP */
