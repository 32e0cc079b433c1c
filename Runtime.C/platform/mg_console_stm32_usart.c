/* Console on an STM32 USART, transmit only, at the reset clock (MG_CONSOLE_CLOCK_HZ; the application's PLL set-up,
 * if any, comes later). F4 family: SR at +0x00 (bit 7 TXE), DR at +0x04, BRR at +0x08, CR1 at +0x0C (UE bit 13,
 * TE bit 3). F7/L0 family: CR1 at +0x00 (UE bit 0, TE bit 3), BRR at +0x0C, ISR at +0x1C (bit 7 TXE), TDR at +0x28.
 * Clock and pin set-up for the board's virtual COM port comes from mg_board.h (MG_CONSOLE_RCC_*, MG_CONSOLE_GPIO_*). */
#include "mg_board.h"
#include "mg_platform.h"

#define REG(addr) (*(volatile uint32_t *)(addr))

void mg_console_init(void)
{
#ifdef MG_CONSOLE_RCC_GPIO_ENR
    REG(MG_CONSOLE_RCC_GPIO_ENR) |= MG_CONSOLE_RCC_GPIO_BIT;
    REG(MG_CONSOLE_RCC_UART_ENR) |= MG_CONSOLE_RCC_UART_BIT;
    /* TX pin in alternate-function mode with the USART's function number. */
    REG(MG_CONSOLE_GPIO_BASE + 0x00u) = (REG(MG_CONSOLE_GPIO_BASE + 0x00u) & ~(3u << (2 * MG_CONSOLE_TX_PIN))) | (2u << (2 * MG_CONSOLE_TX_PIN));
    {
        const uint32_t afr = MG_CONSOLE_GPIO_BASE + (MG_CONSOLE_TX_PIN < 8 ? 0x20u : 0x24u);
        const uint32_t shift = 4u * (MG_CONSOLE_TX_PIN % 8);
        REG(afr) = (REG(afr) & ~(0xFu << shift)) | ((uint32_t)MG_CONSOLE_TX_AF << shift);
    }
#endif
#if MG_CONSOLE_STM32_F4
    REG(MG_CONSOLE_BASE + 0x08u) = MG_CONSOLE_CLOCK_HZ / MG_CONSOLE_BAUD;
    REG(MG_CONSOLE_BASE + 0x0Cu) = (1u << 13) | (1u << 3);
#else
    REG(MG_CONSOLE_BASE + 0x0Cu) = MG_CONSOLE_CLOCK_HZ / MG_CONSOLE_BAUD;
    REG(MG_CONSOLE_BASE + 0x00u) = (1u << 3) | 1u;
#endif
}

void mg_console_write(const char *text, uint32_t length)
{
    for (uint32_t i = 0; i < length; ++i) {
#if MG_CONSOLE_STM32_F4
        while (!(REG(MG_CONSOLE_BASE + 0x00u) & (1u << 7))) {
        }
        REG(MG_CONSOLE_BASE + 0x04u) = (uint8_t)text[i];
#else
        while (!(REG(MG_CONSOLE_BASE + 0x1Cu) & (1u << 7))) {
        }
        REG(MG_CONSOLE_BASE + 0x28u) = (uint8_t)text[i];
#endif
    }
}
