/* Writes a line through one UART model selected by -DUART_... (base address from -DUART_BASE). */
#include <stdint.h>

#define REG(offset) (*(volatile uint32_t *)(UART_BASE + (offset)))

static void send(char c)
{
#if defined(UART_STM32F4)
    while ((REG(0x00) & (1u << 7)) == 0) { }       /* SR.TXE */
    REG(0x04) = (uint8_t)c;                        /* DR */
#elif defined(UART_STM32F7)
    while ((REG(0x1C) & (1u << 7)) == 0) { }       /* ISR.TXE */
    REG(0x28) = (uint8_t)c;                        /* TDR */
#elif defined(UART_CMSDK)
    while (REG(0x04) & 1u) { }                     /* STATE.TXFULL */
    REG(0x00) = (uint8_t)c;                        /* DATA */
#elif defined(UART_NRF_UARTE)
    static volatile char buffer[1];
    buffer[0] = c;
    REG(0x544) = (uint32_t)buffer;                 /* TXD.PTR */
    REG(0x548) = 1;                                /* TXD.MAXCNT */
    REG(0x120) = 0;                                /* EVENTS_ENDTX */
    REG(0x008) = 1;                                /* TASKS_STARTTX */
    while (REG(0x120) == 0) { }
#elif defined(UART_NRF_UART)
    REG(0x11C) = 0;                                /* EVENTS_TXDRDY */
    REG(0x51C) = (uint8_t)c;                       /* TXD */
    while (REG(0x11C) == 0) { }
#endif
}

static void enable(void)
{
#if defined(UART_STM32F4)
#if !defined(NO_TE)
    REG(0x0C) = (1u << 13) | (1u << 3);            /* CR1: UE | TE */
#else
    REG(0x0C) = (1u << 13);
#endif
#elif defined(UART_STM32F7)
    REG(0x0C) = 139;                               /* BRR */
    REG(0x00) = (1u << 0) | (1u << 3);             /* CR1: UE | TE */
    while ((REG(0x1C) & (1u << 21)) == 0) { }      /* ISR.TEACK */
#elif defined(UART_CMSDK)
    REG(0x10) = 16;                                /* BAUDDIV */
    REG(0x08) = 1;                                 /* CTRL.TXEN */
#elif defined(UART_NRF_UARTE)
    REG(0x500) = 8;                                /* ENABLE = UARTE */
#elif defined(UART_NRF_UART)
    REG(0x500) = 4;                                /* ENABLE = UART */
    REG(0x008) = 1;                                /* TASKS_STARTTX */
#endif
}

int main(void)
{
    const char *text = "uart ok\n";
    enable();
    while (*text) {
        send(*text++);
    }
    return 0;
}
