/* MUL: TFLM reference_integer_ops::MulElementwise / BroadcastMul6DSlow for int8 and int16 (the int32 product of the
 * offset inputs, double-rounding requantization) and reference_ops::Mul for float32, with NumPy broadcasting. Each
 * output element is written after both of its inputs are read, so the output may be an input of its shape. */
#include "mg_kernels.h"

/* One quantized element: offset int8 inputs are below 2^8 in magnitude; int16 inputs have zero point 0, so the
 * product stays below 2^30. */
static int32_t mul_element(const mg_mul_params *p, int32_t x, int32_t y)
{
    const int32_t product = (p->input1_offset + x) * (p->input2_offset + y);
    const int32_t result = p->output_offset + mg_requantize(product, p->multiplier, p->shift);
    return MG_CLAMP(result, p->act_min, p->act_max);
}

void mg_mul_s8(const mg_mul_params *p, const int8_t *input1, const int8_t *input2, int8_t *output)
{
    mg_broadcast_cursor c;
    if (!mg_broadcast_begin(&c, p->rank, p->dims)) {
        return;
    }
    do {
        const int8_t *a = input1 + c.offset1;
        const int8_t *b = input2 + c.offset2;
        int8_t *out = output + c.output;
        for (int32_t i = 0; i < c.count; ++i) {
            out[i] = (int8_t)mul_element(p, a[i * c.stride1], b[i * c.stride2]);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_mul_s16(const mg_mul_params *p, const int16_t *input1, const int16_t *input2, int16_t *output)
{
    mg_broadcast_cursor c;
    if (!mg_broadcast_begin(&c, p->rank, p->dims)) {
        return;
    }
    do {
        const int16_t *a = input1 + c.offset1;
        const int16_t *b = input2 + c.offset2;
        int16_t *out = output + c.output;
        for (int32_t i = 0; i < c.count; ++i) {
            out[i] = (int16_t)mul_element(p, a[i * c.stride1], b[i * c.stride2]);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_mul_f32(const mg_mul_params *p, const float *input1, const float *input2, float *output)
{
    mg_broadcast_cursor c;
    if (!mg_broadcast_begin(&c, p->rank, p->dims)) {
        return;
    }
    do {
        const float *a = input1 + c.offset1;
        const float *b = input2 + c.offset2;
        float *out = output + c.output;
        for (int32_t i = 0; i < c.count; ++i) {
            out[i] = mg_clamp_f32(a[i * c.stride1] * b[i * c.stride2], p->float_min, p->float_max);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}
