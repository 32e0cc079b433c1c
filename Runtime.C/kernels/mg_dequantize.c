/* DEQUANTIZE: TFLite's reference_ops::Dequantize, (float)(scale * (q - zero_point)) with the product in double. */
#include "mg_kernels.h"

#define MG_DEQUANTIZE(name, in_t)                                                                        \
    void name(const mg_dequantize_params *p, const in_t *input, float *output)                           \
    {                                                                                                    \
        const double scale = (double)p->scale;                                                           \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const in_t *in = input + p->in_offset + r * p->in_stride;                                    \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                *output++ = (float)(scale * (double)((int32_t)in[i] - p->zero_point));                   \
            }                                                                                            \
        }                                                                                                \
    }

MG_DEQUANTIZE(mg_dequantize_s8_f32, int8_t)
MG_DEQUANTIZE(mg_dequantize_s16_f32, int16_t)
MG_DEQUANTIZE(mg_dequantize_u8_f32, uint8_t)
