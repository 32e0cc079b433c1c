/* QUANTIZE between integer types: TFLite's reference_ops::Requantize. */
#include "mg_kernels.h"
#include "mg_fixedpoint.h"

/* The requantized value of one element, before the clamp to the output type. */
static inline int32_t mg_requantize_element(const mg_requantize_params *p, int32_t q)
{
    return mg_wrap_add(mg_requantize(mg_wrap_sub(q, p->input_zero_point), p->multiplier, p->shift), p->output_zero_point);
}

#define MG_REQUANTIZE(name, in_t, out_t, out_min, out_max)                                               \
    void name(const mg_requantize_params *p, const in_t *input, out_t *output)                           \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const in_t *in = input + p->in_offset + r * p->in_stride;                                    \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                const int32_t value = mg_requantize_element(p, (int32_t)in[i]);                          \
                *output++ = (out_t)MG_CLAMP(value, (int32_t)(out_min), (int32_t)(out_max));              \
            }                                                                                            \
        }                                                                                                \
    }

MG_REQUANTIZE(mg_requantize_s8_s8, int8_t, int8_t, INT8_MIN, INT8_MAX)
MG_REQUANTIZE(mg_requantize_s8_u8, int8_t, uint8_t, 0, UINT8_MAX)
MG_REQUANTIZE(mg_requantize_s8_s16, int8_t, int16_t, INT16_MIN, INT16_MAX)
MG_REQUANTIZE(mg_requantize_s16_s8, int16_t, int8_t, INT8_MIN, INT8_MAX)
MG_REQUANTIZE(mg_requantize_s16_s16, int16_t, int16_t, INT16_MIN, INT16_MAX)
MG_REQUANTIZE(mg_requantize_u8_s8, uint8_t, int8_t, INT8_MIN, INT8_MAX)
MG_REQUANTIZE(mg_requantize_s32_s8, int32_t, int8_t, INT8_MIN, INT8_MAX)
MG_REQUANTIZE(mg_requantize_s32_s16, int32_t, int16_t, INT16_MIN, INT16_MAX)

/* To int32 the clamp is the identity. */
#define MG_REQUANTIZE_S32(name, in_t)                                                                    \
    void name(const mg_requantize_params *p, const in_t *input, int32_t *output)                         \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const in_t *in = input + p->in_offset + r * p->in_stride;                                    \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                *output++ = mg_requantize_element(p, (int32_t)in[i]);                                    \
            }                                                                                            \
        }                                                                                                \
    }

MG_REQUANTIZE_S32(mg_requantize_s8_s32, int8_t)
MG_REQUANTIZE_S32(mg_requantize_s16_s32, int16_t)
