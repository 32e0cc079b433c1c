/* RELU, RELU6, RELU_N1_TO_1 (TFLM ReluQuantized, Relu6Quantized, TFLite ReluX and the float clamps) and LEAKY_RELU
 * (TFLite reference_ops::QuantizeLeakyRelu and LeakyRelu). */
#include "mg_kernels.h"
#include "mg_fixedpoint.h"

#define MG_RELU(name, T)                                                                                 \
    void name(const mg_relu_params *p, const T *input, T *output)                                        \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const T *in = input + p->in_offset + r * p->in_stride;                                       \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                const int32_t x = in[i];                                                                 \
                int32_t value;                                                                           \
                if (p->clamp_only) {                                                                     \
                    value = x > p->act_max ? p->act_max : x < p->act_min ? p->act_min : x;               \
                } else {                                                                                 \
                    value = p->output_zero_point + mg_requantize(x - p->input_zero_point, p->multiplier, p->shift); \
                    value = MG_MAX(p->act_min, value);                                                   \
                    value = MG_MIN(p->act_max, value);                                                   \
                }                                                                                        \
                *output++ = (T)value;                                                                    \
            }                                                                                            \
        }                                                                                                \
    }

MG_RELU(mg_relu_s8, int8_t)
MG_RELU(mg_relu_s16, int16_t)

void mg_relu_f32(const mg_relu_f32_params *p, const float *input, float *output)
{
    for (int32_t r = 0; r < p->rows; ++r) {
        const float *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            const float x = in[i];
            *output++ = p->has_max && x > p->max ? p->max : x < p->min ? p->min : x;
        }
    }
}

#define MG_LEAKY_RELU(name, T, type_min, type_max)                                                       \
    void name(const mg_leaky_relu_params *p, const T *input, T *output)                                  \
    {                                                                                                    \
        const int alpha_is_negative = p->alpha_multiplier < 0;                                           \
        const int32_t alpha_magnitude = alpha_is_negative ? mg_wrap_neg(p->alpha_multiplier) : p->alpha_multiplier; \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const T *in = input + p->in_offset + r * p->in_stride;                                       \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                const int32_t centered = (int32_t)in[i] - p->input_zero_point;                           \
                int32_t value = p->output_zero_point;                                                    \
                if (centered >= 0) {                                                                     \
                    value += mg_requantize(centered, p->identity_multiplier, p->identity_shift);         \
                } else {                                                                                 \
                    const int32_t scaled = mg_requantize(centered, alpha_magnitude, p->alpha_shift);     \
                    value += alpha_is_negative ? -scaled : scaled;                                       \
                }                                                                                        \
                *output++ = (T)MG_CLAMP(value, (type_min), (type_max));                                  \
            }                                                                                            \
        }                                                                                                \
    }

MG_LEAKY_RELU(mg_leaky_relu_s8, int8_t, INT8_MIN, INT8_MAX)
MG_LEAKY_RELU(mg_leaky_relu_s16, int16_t, INT16_MIN, INT16_MAX)

void mg_leaky_relu_f32(const mg_leaky_relu_f32_params *p, const float *input, float *output)
{
    for (int32_t r = 0; r < p->rows; ++r) {
        const float *in = input + p->in_offset + r * p->in_stride;
        for (int32_t i = 0; i < p->row_elems; ++i) {
            const float x = in[i];
            *output++ = x > 0.0f ? x : x * p->alpha;
        }
    }
}
