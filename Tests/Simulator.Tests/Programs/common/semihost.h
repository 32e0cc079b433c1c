/* Tiny semihosting console for the simulator's test programs (no newlib stdio). */
#ifndef SEMIHOST_H
#define SEMIHOST_H
#include <stdint.h>

static inline int semihost_call(int op, const void *arg)
{
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void put_string(const char *s) { semihost_call(0x04, s); }

static inline void put_char(char c) { semihost_call(0x03, &c); }

static void put_hex(uint32_t value)
{
    char text[11];
    text[0] = '0';
    text[1] = 'x';
    for (int i = 0; i < 8; i++) {
        uint32_t nibble = (value >> (28 - 4 * i)) & 0xF;
        text[2 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
    text[10] = 0;
    put_string(text);
}

static void put_dec(int32_t value)
{
    char text[12];
    int i = 11;
    uint32_t magnitude = value < 0 ? 0u - (uint32_t)value : (uint32_t)value;
    text[i--] = 0;
    do {
        text[i--] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) {
        text[i--] = '-';
    }
    put_string(&text[i + 1]);
}

#endif
