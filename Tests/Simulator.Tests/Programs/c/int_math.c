/* Integer arithmetic the compiler lowers to many Thumb-2 encodings: divide, long multiply, bit fields, shifts. */
#include "semihost.h"

static volatile int32_t values[] = {0, 1, -1, 7, -7, 0x7fffffff, (int32_t)0x80000000, 12345, -98765, 0x55aa55aa};
#define COUNT (int)(sizeof(values) / sizeof(values[0]))

struct packed { unsigned a : 3; unsigned b : 7; signed c : 5; unsigned d : 17; };

int main(void)
{
    uint32_t hash = 2166136261u;
    for (int i = 0; i < COUNT; i++) {
        for (int j = 0; j < COUNT; j++) {
            int32_t a = values[i], b = values[j];
            int64_t wide = (int64_t)a * b;
            uint64_t uwide = (uint64_t)(uint32_t)a * (uint32_t)b + (uint32_t)a;
            int32_t q = b == 0 || (a == (int32_t)0x80000000 && b == -1) ? 0 : a / b;
            uint32_t uq = b == 0 ? 0 : (uint32_t)a / (uint32_t)b;
            uint32_t mixed = ((uint32_t)a >> (j & 31)) ^ ((uint32_t)b << (i & 31)) ^ (uint32_t)((a >> 3) + (b >> 5));
            hash = (hash ^ (uint32_t)wide) * 16777619u;
            hash = (hash ^ (uint32_t)(wide >> 32)) * 16777619u;
            hash = (hash ^ (uint32_t)(uwide >> 17)) * 16777619u;
            hash = (hash ^ (uint32_t)q ^ uq ^ mixed) * 16777619u;
            hash += (uint32_t)__builtin_clz((uint32_t)a | 1u) + (uint32_t)__builtin_popcount((uint32_t)b);
            struct packed p = { (unsigned)a, (unsigned)b, (int)(a - b), (unsigned)(a * 3) };
            hash ^= p.a + p.b * 3u + (uint32_t)p.c * 5u + p.d * 7u;
        }
    }
    put_string("hash=");
    put_hex(hash);
    put_char('\n');
    return (int)(hash & 0x7f);
}
