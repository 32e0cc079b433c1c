/* ADD and SUB: TFLM reference_integer_ops::AddFunc / reference_ops::BroadcastQuantSubSlow for int8 and int16 (the
 * general rescaling path, left shift 20 or 15) and reference_ops::Add / Sub for float32, with NumPy broadcasting.
 * Each output element is written after both of its inputs are read, so the output may be an input of its shape. */
#include "mg_kernels.h"

/* One quantized element. The offset inputs are below 2^16 in magnitude, so the left-shifted values stay below 2^31
 * and the scaled sum or difference fits in int32. Shifts are non-positive, so mg_requantize is TFLite's
 * MultiplyByQuantizedMultiplierSmallerThanOneExp. */
static int32_t add_sub_element(const mg_add_sub_params *p, int32_t x, int32_t y)
{
    const int32_t shifted1 = (p->input1_offset + x) * ((int32_t)1 << p->left_shift);
    const int32_t shifted2 = (p->input2_offset + y) * ((int32_t)1 << p->left_shift);
    const int32_t scaled1 = mg_requantize(shifted1, p->input1_multiplier, p->input1_shift);
    const int32_t scaled2 = mg_requantize(shifted2, p->input2_multiplier, p->input2_shift);
    const int32_t raw = p->subtract ? scaled1 - scaled2 : scaled1 + scaled2;
    const int32_t result = mg_requantize(raw, p->output_multiplier, p->output_shift) + p->output_offset;
    return MG_CLAMP(result, p->act_min, p->act_max);
}

void mg_add_sub_s8(const mg_add_sub_params *p, const int8_t *input1, const int8_t *input2, int8_t *output)
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
            out[i] = (int8_t)add_sub_element(p, a[i * c.stride1], b[i * c.stride2]);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_add_sub_s16(const mg_add_sub_params *p, const int16_t *input1, const int16_t *input2, int16_t *output)
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
            out[i] = (int16_t)add_sub_element(p, a[i * c.stride1], b[i * c.stride2]);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_add_sub_f32(const mg_add_sub_params *p, const float *input1, const float *input2, float *output)
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
            const float x = a[i * c.stride1];
            const float y = b[i * c.stride2];
            out[i] = mg_clamp_f32(p->subtract ? x - y : x + y, p->float_min, p->float_max);
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}
