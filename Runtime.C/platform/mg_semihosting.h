/* Arm semihosting calls (BKPT 0xAB on M-profile). */
#ifndef MG_SEMIHOSTING_H
#define MG_SEMIHOSTING_H

#include <stdint.h>

#define MG_SYS_OPEN 0x01
#define MG_SYS_CLOSE 0x02
#define MG_SYS_WRITE0 0x04
#define MG_SYS_READ 0x06
#define MG_SYS_EXIT 0x18
#define MG_ADP_STOPPED_APPLICATION_EXIT 0x20026

static inline int32_t mg_semihost_call(int32_t op, const void *arg)
{
    register int32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

#endif /* MG_SEMIHOSTING_H */
