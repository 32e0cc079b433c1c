/* TANH, float: TFLite reference_ops::Tanh with libm's tanhf (glibc and newlib share fdlibm's tanhf and expm1f). */
#include <math.h>

#include "mg_kernels.h"

void mg_tanh_f32(const mg_unary_f32_params *p, const float *input, float *output)
{
    for (int32_t r = 0; r < p->rows; ++r) {
        const float *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            *output++ = tanhf(in[i]);
        }
    }
}
