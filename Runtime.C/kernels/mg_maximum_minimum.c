/* MAXIMUM and MINIMUM: TFLM's MaximumOp (a > b ? a : b) and MinimumOp (a < b ? a : b) on the stored values, with
 * NumPy broadcasting; for float exactly these comparisons (a NaN first operand yields the second, a NaN second
 * operand propagates). The output may be an input of its shape. */
#include "mg_kernels.h"

void mg_maximum_s8(const mg_maximum_minimum_params *p, const int8_t *input1, const int8_t *input2, int8_t *output)
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
            const int8_t x = a[i * c.stride1];
            const int8_t y = b[i * c.stride2];
            out[i] = x > y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_maximum_s16(const mg_maximum_minimum_params *p, const int16_t *input1, const int16_t *input2, int16_t *output)
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
            const int16_t x = a[i * c.stride1];
            const int16_t y = b[i * c.stride2];
            out[i] = x > y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_maximum_s32(const mg_maximum_minimum_params *p, const int32_t *input1, const int32_t *input2, int32_t *output)
{
    mg_broadcast_cursor c;
    if (!mg_broadcast_begin(&c, p->rank, p->dims)) {
        return;
    }
    do {
        const int32_t *a = input1 + c.offset1;
        const int32_t *b = input2 + c.offset2;
        int32_t *out = output + c.output;
        for (int32_t i = 0; i < c.count; ++i) {
            const int32_t x = a[i * c.stride1];
            const int32_t y = b[i * c.stride2];
            out[i] = x > y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_maximum_f32(const mg_maximum_minimum_params *p, const float *input1, const float *input2, float *output)
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
            out[i] = x > y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_minimum_s8(const mg_maximum_minimum_params *p, const int8_t *input1, const int8_t *input2, int8_t *output)
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
            const int8_t x = a[i * c.stride1];
            const int8_t y = b[i * c.stride2];
            out[i] = x < y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_minimum_s16(const mg_maximum_minimum_params *p, const int16_t *input1, const int16_t *input2, int16_t *output)
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
            const int16_t x = a[i * c.stride1];
            const int16_t y = b[i * c.stride2];
            out[i] = x < y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_minimum_s32(const mg_maximum_minimum_params *p, const int32_t *input1, const int32_t *input2, int32_t *output)
{
    mg_broadcast_cursor c;
    if (!mg_broadcast_begin(&c, p->rank, p->dims)) {
        return;
    }
    do {
        const int32_t *a = input1 + c.offset1;
        const int32_t *b = input2 + c.offset2;
        int32_t *out = output + c.output;
        for (int32_t i = 0; i < c.count; ++i) {
            const int32_t x = a[i * c.stride1];
            const int32_t y = b[i * c.stride2];
            out[i] = x < y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}

void mg_minimum_f32(const mg_maximum_minimum_params *p, const float *input1, const float *input2, float *output)
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
            out[i] = x < y ? x : y;
        }
    } while (mg_broadcast_next(&c, p->rank, p->dims));
}
