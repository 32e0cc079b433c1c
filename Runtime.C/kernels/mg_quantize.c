/* QUANTIZE from float: TFLite's reference_ops::AffineQuantize to int8/int16, with libm's roundf. */
#include <math.h>

#include "mg_kernels.h"
#include "mg_fixedpoint.h"

/* float -> int32 as .NET and the Cortex-M VCVT instruction convert: saturating, NaN gives 0. */
static int32_t mg_saturating_f32_to_s32(float value)
{
    if (value != value) {
        return 0;
    }
    if (value >= 2147483648.0f) {
        return INT32_MAX;
    }
    if (value <= -2147483648.0f) {
        return INT32_MIN;
    }
    return (int32_t)value;
}

#define MG_QUANTIZE_F32(name, out_t, out_min, out_max)                                                   \
    void name(const mg_quantize_f32_params *p, const float *input, out_t *output)                        \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const float *in = input + p->in_offset + r * p->in_stride;                                   \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                const int32_t rounded = mg_saturating_f32_to_s32(roundf(in[i] / p->scale));              \
                const int32_t value = mg_wrap_add(rounded, p->zero_point);                                \
                *output++ = (out_t)MG_CLAMP(value, (out_min), (out_max));                                 \
            }                                                                                            \
        }                                                                                                \
    }

MG_QUANTIZE_F32(mg_quantize_f32_s8, int8_t, INT8_MIN, INT8_MAX)
MG_QUANTIZE_F32(mg_quantize_f32_s16, int16_t, INT16_MIN, INT16_MAX)
