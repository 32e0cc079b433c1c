/* Console on a Nordic nRF52 UARTE (EasyDMA): TASKS_STARTTX at +0x008, EVENTS_ENDTX at +0x120, ENABLE at +0x500
 * (8 = UARTE), PSEL.TXD at +0x50C, BAUDRATE at +0x524, TXD.PTR at +0x544, TXD.MAXCNT at +0x548. EasyDMA reads RAM
 * only, so text is copied to a RAM buffer first. */
#include "mg_board.h"
#include "mg_platform.h"

#define REG(offset) (*(volatile uint32_t *)(MG_CONSOLE_BASE + (offset)))

void mg_console_init(void)
{
    REG(0x50Cu) = MG_CONSOLE_TX_PIN;
    REG(0x524u) = 0x01D60000u; /* 115200 baud */
    REG(0x500u) = 8u;
}

void mg_console_write(const char *text, uint32_t length)
{
    static char buffer[64];
    while (length > 0) {
        uint32_t n = length < sizeof(buffer) ? length : sizeof(buffer);
        for (uint32_t i = 0; i < n; ++i) {
            buffer[i] = text[i];
        }
        REG(0x120u) = 0;
        REG(0x544u) = (uint32_t)(uintptr_t)buffer;
        REG(0x548u) = n;
        REG(0x008u) = 1;
        while (REG(0x120u) == 0) {
        }
        text += n;
        length -= n;
    }
}
