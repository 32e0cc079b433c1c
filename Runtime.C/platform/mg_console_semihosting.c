/* Console through semihosting SYS_WRITE0 (text is written in chunks). */
#include "mg_board.h"
#include "mg_platform.h"
#include "mg_semihosting.h"

void mg_console_init(void)
{
}

void mg_console_write(const char *text, uint32_t length)
{
    char chunk[65];
    while (length > 0) {
        uint32_t n = length < 64 ? length : 64;
        for (uint32_t i = 0; i < n; ++i) {
            chunk[i] = text[i];
        }
        chunk[n] = 0;
        mg_semihost_call(MG_SYS_WRITE0, chunk);
        text += n;
        length -= n;
    }
}
