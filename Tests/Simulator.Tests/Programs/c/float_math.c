/* Single-precision arithmetic, conversions and comparisons; prints IEEE bit patterns. */
#include "semihost.h"
#include <math.h>

static volatile float inputs[] = {1.5f, -2.25f, 3.0e-39f, 1.0e38f, 0.1f, -0.0f, 7.0f, 123456.789f};
static volatile int integers[] = {-7, 0, 2147483647, 100000};

static uint32_t bits(float value)
{
    union { float f; uint32_t u; } pun;
    pun.f = value;
    return pun.u;
}

static void show(const char *label, float value)
{
    put_string(label);
    put_char('=');
    put_hex(bits(value));
    put_char('\n');
}

int main(void)
{
    float acc = 0.0f;
    for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
            float a = inputs[i], b = inputs[j];
            acc += a * b - a / (b == 0.0f ? 1.0f : b);
            show("sum", a + b);
            show("mul", a * b);
            if (b != 0.0f) {
                show("div", a / b);
            }
            show("fma", fmaf(a, b, acc));
            put_string(a < b ? "lt\n" : a == b ? "eq\n" : "ge\n");
        }
        show("sqrt", sqrtf(inputs[i] < 0 ? -inputs[i] : inputs[i]));
        put_dec((int)inputs[i]);
        put_char('\n');
    }
    for (int k = 0; k < 4; k++) {
        show("cvt", (float)integers[k]);
        show("ucvt", (float)(unsigned)integers[k]);
    }
    show("acc", acc);
    return 0;
}
