/* Long-running int8 matrix multiply (the shape of a quantized fully-connected/conv inner loop),
   used to measure simulator speed. Prints a checksum so every run can be checked. */
#include "semihost.h"

#define ROWS 64
#define COLS 64
#define DEPTH 256
#ifndef REPEAT
#define REPEAT 40
#endif

static int8_t a[ROWS][DEPTH];
static int8_t b[COLS][DEPTH];
static int32_t c[ROWS][COLS];

__attribute__((noinline)) static void matmul(void)
{
    for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < COLS; j++) {
            int32_t acc = 0;
            const int8_t *x = a[i];
            const int8_t *y = b[j];
            for (int k = 0; k < DEPTH; k++) {
                acc += (int32_t)x[k] * (int32_t)y[k];
            }
            c[i][j] = acc;
        }
    }
}

int main(void)
{
    uint32_t seed = 12345;
    for (int i = 0; i < ROWS; i++) {
        for (int k = 0; k < DEPTH; k++) {
            seed = seed * 1103515245u + 12345u;
            a[i][k] = (int8_t)(seed >> 16);
            seed = seed * 1103515245u + 12345u;
            b[i][k] = (int8_t)(seed >> 16);
        }
    }
    uint32_t checksum = 0;
    for (int r = 0; r < REPEAT; r++) {
        matmul();
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < COLS; j++) {
                checksum = checksum * 31u + (uint32_t)c[i][j];
            }
        }
        a[r % ROWS][r % DEPTH]++;
    }
    put_string("checksum=");
    put_hex(checksum);
    put_char('\n');
    return 0;
}
