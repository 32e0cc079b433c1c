/* SOFTMAX over the last dimension, float: TFLite reference_ops::Softmax with MicroGen's expf (mg_expf.c). */
#include "mg_kernels.h"

void mg_softmax_f32(const mg_softmax_f32_params *p, const float *input, float *output)
{
    for (int32_t row = 0; row < p->outer; ++row) {
        const float *x = input + row * p->depth;
        float *y = output + row * p->depth;
        float max = -3.40282347e+38f;
        for (int32_t c = 0; c < p->depth; ++c) {
            if (max < x[c]) {
                max = x[c];
            }
        }
        float sum = 0.0f;
        for (int32_t c = 0; c < p->depth; ++c) {
            const float e = mg_expf((x[c] - max) * p->beta);
            y[c] = e;
            sum += e;
        }
        for (int32_t c = 0; c < p->depth; ++c) {
            y[c] /= sum;
        }
    }
}
