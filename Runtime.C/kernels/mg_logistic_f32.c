/* LOGISTIC, float: TFLite reference_ops::Logistic, with MicroGen's expf (mg_expf.c). */
#include "mg_kernels.h"

/* 1 above 16.619047..., exp(x) below -9, otherwise 1 / (1 + exp(-x)). */
float mg_logistic_f32_value(float x)
{
    if (x > 16.619047164916992188f) {
        return 1.0f;
    }
    if (x < -9.0f) {
        return mg_expf(x);
    }
    return 1.0f / (1.0f + mg_expf(-x));
}

void mg_logistic_f32(const mg_unary_f32_params *p, const float *input, float *output)
{
    for (int32_t r = 0; r < p->rows; ++r) {
        const float *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            *output++ = mg_logistic_f32_value(in[i]);
        }
    }
}
