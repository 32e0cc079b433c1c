/* FULLY_CONNECTED int8, optimised portable C: four units per pass over the input row, the filter arranged by MicroGen
 * (see mg_fast.h), input offset folded into the bias, fast requantization where exact. */
#include "mg_fast.h"

MG_INLINE int32_t dot4(const int8_t *x, const int8_t *w)
{
    return x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + x[3] * w[3];
}

MG_INLINE void fc_body(const mg_fc_fast_params *p, const int8_t *input, int8_t *output, const int mode)
{
    const int32_t full = p->depth >> 2, tail = p->depth & 3;
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *x = input + b * p->depth;
        int8_t *out = output + b * p->units;
        int8_t last[4] = { 0, 0, 0, 0 };
        for (int32_t i = 0; i < tail; ++i) {
            last[i] = x[4 * full + i];
        }
        const int8_t *w = p->filter;
        const mg_channel *q = (const mg_channel *)p->channels;
        int32_t u = 0;
        for (; u + 4 <= p->units; u += 4, q += 4) {
            int32_t a0 = q[0].bias, a1 = q[1].bias, a2 = q[2].bias, a3 = q[3].bias;
            const int8_t *xs = x;
            for (int32_t g = 0; g < full; ++g, xs += 4, w += 16) {
                a0 += dot4(xs, w);
                a1 += dot4(xs, w + 4);
                a2 += dot4(xs, w + 8);
                a3 += dot4(xs, w + 12);
            }
            if (tail) {
                a0 += dot4(last, w);
                a1 += dot4(last, w + 4);
                a2 += dot4(last, w + 8);
                a3 += dot4(last, w + 12);
                w += 16;
            }
            out[u] = mg_finish(a0, &q[0], p->act_min, p->act_max, mode);
            out[u + 1] = mg_finish(a1, &q[1], p->act_min, p->act_max, mode);
            out[u + 2] = mg_finish(a2, &q[2], p->act_min, p->act_max, mode);
            out[u + 3] = mg_finish(a3, &q[3], p->act_min, p->act_max, mode);
        }
        for (; u < p->units; ++u, ++q) {
            int32_t a0 = q->bias;
            const int8_t *xs = x;
            for (int32_t g = 0; g < full; ++g, xs += 4, w += 4) {
                a0 += dot4(xs, w);
            }
            if (tail) {
                a0 += dot4(last, w);
                w += 4;
            }
            out[u] = mg_finish(a0, q, p->act_min, p->act_max, mode);
        }
    }
}

void mg_fully_connected_s8_fast(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_FULL);
}

void mg_fully_connected_s8_fast_clamp(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_CLAMP);
}

void mg_fully_connected_s8_fast_exact(const mg_fc_fast_params *p, const int8_t *input, int8_t *output)
{
    fc_body(p, input, output, MG_MODE_EXACT);
}
