/* FULLY_CONNECTED int8: TFLM reference_integer_ops::FullyConnected / FullyConnectedPerChannel. */
#include "mg_kernels.h"

void mg_fully_connected_s8(const mg_fully_connected_s8_params *p, const int8_t *input, int8_t *output)
{
    for (int32_t b = 0; b < p->batches; ++b) {
        const int8_t *in = input + b * p->depth;
        for (int32_t u = 0; u < p->units; ++u) {
            const int8_t *f = p->filter + u * p->depth;
            int32_t acc = 0;
            for (int32_t d = 0; d < p->depth; ++d) {
                acc += (f[d] + p->filter_offset) * (in[d] + p->input_offset);
            }
            if (p->bias) {
                acc += p->bias[u];
            }
            acc = mg_requantize(acc, p->multiplier[u], p->shift[u]) + p->output_offset;
            output[b * p->units + u] = (int8_t)MG_CLAMP(acc, p->act_min, p->act_max);
        }
    }
}
