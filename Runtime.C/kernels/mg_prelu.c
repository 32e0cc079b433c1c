/* PRELU: TFLite reference_ops::BroadcastPrelu4DSlow (quantized) and TFLM BroadcastPrelu4DSlowFloat, walking the
 * output in row-major order with per-dimension input and alpha strides (0 where an operand is broadcast). */
#include "mg_kernels.h"

/* Advances the output position by one element, keeping the input and alpha element indices in step. */
static void mg_prelu_next(const mg_prelu_params *p, int32_t *position, int32_t *input_index, int32_t *alpha_index)
{
    for (int32_t d = p->rank - 1; d >= 0; --d) {
        ++position[d];
        *input_index += p->input_strides[d];
        *alpha_index += p->alpha_strides[d];
        if (position[d] < p->dims[d]) {
            return;
        }
        *input_index -= p->input_strides[d] * p->dims[d];
        *alpha_index -= p->alpha_strides[d] * p->dims[d];
        position[d] = 0;
    }
}

static int32_t mg_prelu_count(const mg_prelu_params *p)
{
    int32_t count = 1;
    for (int32_t d = 0; d < p->rank; ++d) {
        count *= p->dims[d];
    }
    return count;
}

#define MG_PRELU_QUANTIZED(name, T, type_min, type_max)                                                  \
    void name(const mg_prelu_params *p, const T *input, const int8_t *alpha, T *output)                  \
    {                                                                                                    \
        int32_t position[MG_PRELU_MAX_RANK] = {0};                                                       \
        int32_t input_index = 0;                                                                         \
        int32_t alpha_index = 0;                                                                         \
        const int32_t count = mg_prelu_count(p);                                                         \
        for (int32_t i = 0; i < count; ++i) {                                                            \
            const int32_t input_value = p->input_offset + (int32_t)input[input_index];                   \
            int32_t value;                                                                               \
            if (input_value >= 0) {                                                                      \
                value = mg_requantize(input_value, p->multiplier1, p->shift1);                           \
            } else {                                                                                     \
                const int32_t alpha_value = p->alpha_offset + (int32_t)alpha[alpha_index];               \
                value = mg_requantize(input_value * alpha_value, p->multiplier2, p->shift2);             \
            }                                                                                            \
            value += p->output_offset;                                                                   \
            output[i] = (T)MG_CLAMP(value, (type_min), (type_max));                                      \
            mg_prelu_next(p, position, &input_index, &alpha_index);                                      \
        }                                                                                                \
    }

MG_PRELU_QUANTIZED(mg_prelu_s8, int8_t, INT8_MIN, INT8_MAX)
MG_PRELU_QUANTIZED(mg_prelu_s16, int16_t, INT16_MIN, INT16_MAX)

void mg_prelu_f32(const mg_prelu_params *p, const float *input, const float *alpha, float *output)
{
    int32_t position[MG_PRELU_MAX_RANK] = {0};
    int32_t input_index = 0;
    int32_t alpha_index = 0;
    const int32_t count = mg_prelu_count(p);
    for (int32_t i = 0; i < count; ++i) {
        const float x = input[input_index];
        output[i] = x >= 0.0f ? x : x * alpha[alpha_index];
        mg_prelu_next(p, position, &input_index, &alpha_index);
    }
}
