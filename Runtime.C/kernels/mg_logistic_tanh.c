/* LOGISTIC and TANH, integer: TFLM reference_integer_ops::Logistic / Tanh (int8 through gemmlowp's fixed-point
 * functions, int16 through TFLite's interpolated sigmoid table). Each element is read before it is written: input may
 * be output. */
#include "mg_kernels.h"
#include "mg_fixedpoint.h"

#define MG_LOGISTIC_TANH_S8(name, fixed_point_function, output_fractional_bits, output_offset)           \
    void name(const mg_logistic_tanh_s8_params *p, const int8_t *input, int8_t *output)                  \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            const int8_t *in = input + p->in_offset + r * p->in_stride;                                  \
            for (int32_t i = 0; i < p->row_elems; ++i) {                                                 \
                const int32_t centered = (int32_t)in[i] - p->input_zero_point;                           \
                int8_t result;                                                                           \
                if (centered <= -p->input_range_radius) {                                                \
                    result = INT8_MIN;                                                                   \
                } else if (centered >= p->input_range_radius) {                                          \
                    result = INT8_MAX;                                                                   \
                } else {                                                                                 \
                    const int32_t input_q4 = mg_requantize(centered, p->input_multiplier, p->input_left_shift); \
                    const int32_t output_q0 = fixed_point_function(input_q4, 4);                         \
                    const int32_t value =                                                                \
                        mg_rounding_divide_by_pot(output_q0, 31 - (output_fractional_bits)) + (output_offset); \
                    result = (int8_t)MG_CLAMP(value, INT8_MIN, INT8_MAX);                                \
                }                                                                                        \
                *output++ = result;                                                                      \
            }                                                                                            \
        }                                                                                                \
    }

/* LOGISTIC: steps of 1/256 from the output zero point -128. TANH: steps of 1/128 around 0. */
MG_LOGISTIC_TANH_S8(mg_logistic_s8, mg_fp_logistic, 8, INT8_MIN)
MG_LOGISTIC_TANH_S8(mg_tanh_s8, mg_fp_tanh, 7, 0)

/* The input brought to the sigmoid table's scale; a zero multiplier means 3 << shift without shift. Products fit
 * int32: |x| <= 2^15 and multiplier <= 32767, plus a rounding term below 2^30. */
static int32_t mg_sigmoid_table_input(int16_t x, int32_t multiplier, int32_t shift)
{
    if (multiplier == 0) {
        multiplier = 3 << shift;
        shift = 0;
    }
    const int32_t round = shift > 0 ? (int32_t)1 << (shift - 1) : 0;
    return ((int32_t)x * multiplier + round) >> shift;
}

void mg_logistic_s16_values(const uint16_t *sigmoid_table, int32_t input_multiplier, int32_t input_left_shift,
                            const int16_t *input, int16_t *output, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        const int32_t scaled = mg_sigmoid_table_input(input[i], input_multiplier, input_left_shift);
        const uint32_t magnitude = (uint32_t)(scaled < 0 ? -scaled : scaled);
        const uint32_t segment = magnitude >> 9;
        uint32_t result;
        if (segment >= 255u) {
            result = 0x7FFFu << 10;
        } else {
            const uint32_t start = sigmoid_table[segment];
            const uint32_t next = sigmoid_table[segment + 1u];
            result = (start << 9) + (magnitude & 0x1FFu) * (next - start);
        }
        result = scaled >= 0 ? result + (1u << 9) : (1u << (16 + 9)) - result + (1u << 9) - 1u;
        output[i] = (int16_t)(result >> 10);
    }
}

void mg_tanh_s16_values(const uint16_t *sigmoid_table, int32_t input_multiplier, int32_t input_left_shift,
                        const int16_t *input, int16_t *output, int32_t count)
{
    for (int32_t i = 0; i < count; ++i) {
        const int32_t scaled = mg_sigmoid_table_input(input[i], input_multiplier, input_left_shift);
        const uint32_t magnitude = (uint32_t)(scaled < 0 ? -scaled : scaled);
        const uint32_t segment = magnitude >> 8;
        int32_t result;
        if (segment >= 255u) {
            result = 0xFFFF << 8;
        } else {
            const uint32_t start = sigmoid_table[segment];
            const uint32_t next = sigmoid_table[segment + 1u];
            result = (int32_t)((start << 8) + (magnitude & 0xFFu) * (next - start));
        }
        result = scaled >= 0 ? result - (1 << (14 + 9)) + (1 << (9 - 2)) : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
        output[i] = (int16_t)(result >> (9 - 1));
    }
}

#define MG_LOGISTIC_TANH_S16(name, values_function)                                                      \
    void name(const mg_logistic_tanh_s16_params *p, const int16_t *input, int16_t *output)               \
    {                                                                                                    \
        for (int32_t r = 0; r < p->rows; ++r) {                                                          \
            values_function(p->sigmoid_table, p->input_multiplier, p->input_left_shift,                  \
                            input + p->in_offset + r * p->in_stride, output + r * p->row_elems, p->row_elems); \
        }                                                                                                \
    }

MG_LOGISTIC_TANH_S16(mg_logistic_s16, mg_logistic_s16_values)
MG_LOGISTIC_TANH_S16(mg_tanh_s16, mg_tanh_s16_values)
