/* Layer functions, an arena, a patched input and recursion, for the measurement tests. */
#include "semihost.h"

#define ARENA_WRITTEN 1000

unsigned char mg_arena[4096];
volatile unsigned char mg_input[16];
static volatile uint32_t sink;

__attribute__((noinline)) static uint32_t helper(uint32_t x) { return x * 3u + 1u; }

/* Writes the first ARENA_WRITTEN bytes of the arena: 100 iterations. */
__attribute__((noinline)) void mg_layer_000_fill(void)
{
    for (int i = 0; i < ARENA_WRITTEN / 10; i++) {
        for (int j = 0; j < 10; j++) {
            mg_arena[i * 10 + j] = (unsigned char)(i + j);
        }
    }
}

/* Reads the arena ten times over the same 100 iterations, calling a helper (nested calls count). */
__attribute__((noinline)) void mg_layer_001_sum(void)
{
    uint32_t total = 0;
    for (int round = 0; round < 10; round++) {
        for (int i = 0; i < ARENA_WRITTEN / 10; i++) {
            for (int j = 0; j < 10; j++) {
                total += mg_arena[i * 10 + j];
            }
            total = helper(total);
        }
    }
    sink = total;
}

__attribute__((noinline)) static uint32_t recurse(int depth)
{
    volatile unsigned char frame[64];
    frame[0] = (unsigned char)depth;
    return depth == 0 ? frame[0] : recurse(depth - 1) + frame[0];
}

int main(void)
{
    uint32_t input_sum = 0;
    for (int i = 0; i < 16; i++) {
        input_sum += mg_input[i];
    }
    mg_layer_000_fill();
    mg_layer_001_sum();
    put_string("input=");
    put_dec((int32_t)input_sum);
    put_string(" depth=");
    put_dec((int32_t)recurse(50));
    put_char('\n');
    return 0;
}
