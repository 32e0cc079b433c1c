/* Bare-metal platform: console through the board's device (mg_console_*.c), inputs and exit through semihosting
 * on boards that have it, the DWT cycle counter on Cortex-M3 and up. */
#include "mg_board.h"
#include "mg_platform.h"
#if MG_SEMIHOSTING
#include "mg_semihosting.h"
#endif

void mg_console_init(void);

#define MG_DWT_CTRL (*(volatile uint32_t *)0xE0001000u)
#define MG_DWT_CYCCNT (*(volatile uint32_t *)0xE0001004u)
#define MG_DEMCR (*(volatile uint32_t *)0xE000EDFCu)

void mg_platform_init(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    mg_console_init();
#if MG_HAS_DWT
    MG_DEMCR |= 1u << 24; /* TRCENA */
    MG_DWT_CYCCNT = 0;
    MG_DWT_CTRL |= 1u; /* CYCCNTENA */
#endif
}

int mg_platform_read_input(int index, void *data, uint32_t bytes)
{
#if MG_SEMIHOSTING
    /* "mg_input<index>.bin", the index in decimal. */
    char name[24] = "mg_input";
    char digits[12];
    uint32_t length = 8u, count = 0u;
    uint32_t value = (uint32_t)index;
    do {
        digits[count++] = (char)('0' + value % 10u);
        value /= 10u;
    } while (value > 0u);
    while (count > 0u) {
        name[length++] = digits[--count];
    }
    name[length++] = '.';
    name[length++] = 'b';
    name[length++] = 'i';
    name[length++] = 'n';
    name[length] = '\0';
    const uint32_t open_args[3] = { (uint32_t)(uintptr_t)name, 1u /* "rb" */, length };
    int32_t handle = mg_semihost_call(MG_SYS_OPEN, open_args);
    if (handle < 0) {
        return 0;
    }
    const uint32_t read_args[3] = { (uint32_t)handle, (uint32_t)(uintptr_t)data, bytes };
    int32_t missing = mg_semihost_call(MG_SYS_READ, read_args);
    const uint32_t close_args[1] = { (uint32_t)handle };
    mg_semihost_call(MG_SYS_CLOSE, close_args);
    return missing == 0;
#else
    (void)index;
    (void)data;
    (void)bytes;
    return 0;
#endif
}

void mg_platform_exit(int status)
{
#if MG_SEMIHOSTING
    (void)status;
    mg_semihost_call(MG_SYS_EXIT, (const void *)(uintptr_t)MG_ADP_STOPPED_APPLICATION_EXIT);
#else
    (void)status;
#endif
    for (;;) {
    }
}

uint32_t mg_platform_cycles(void)
{
#if MG_HAS_DWT
    return MG_DWT_CYCCNT;
#else
    return 0;
#endif
}
