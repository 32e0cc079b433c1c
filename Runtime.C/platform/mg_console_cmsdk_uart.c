/* Console on an Arm CMSDK APB UART (MPS2 boards): DATA at +0x00, STATE at +0x04 (bit 0: TX full), CTRL at +0x08
 * (bit 0: TX enable), BAUDDIV at +0x10. */
#include "mg_board.h"
#include "mg_platform.h"

#define UART_DATA (*(volatile uint32_t *)(MG_CONSOLE_BASE + 0x00u))
#define UART_STATE (*(volatile uint32_t *)(MG_CONSOLE_BASE + 0x04u))
#define UART_CTRL (*(volatile uint32_t *)(MG_CONSOLE_BASE + 0x08u))
#define UART_BAUDDIV (*(volatile uint32_t *)(MG_CONSOLE_BASE + 0x10u))

void mg_console_init(void)
{
    UART_BAUDDIV = MG_CLOCK_HZ / MG_CONSOLE_BAUD;
    UART_CTRL = 1u;
}

void mg_console_write(const char *text, uint32_t length)
{
    for (uint32_t i = 0; i < length; ++i) {
        while (UART_STATE & 1u) {
        }
        UART_DATA = (uint8_t)text[i];
    }
}
