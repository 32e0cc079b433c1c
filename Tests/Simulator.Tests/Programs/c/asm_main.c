/* Runs an assembly test body (run_tests, from the .S file linked with it) and prints its checksum. */
#include "semihost.h"

extern uint32_t run_tests(uint32_t seed);

int main(void)
{
    uint32_t checksum = run_tests(0x12345678u);
    put_string("checksum=");
    put_hex(checksum);
    put_char('\n');
    return (int)(checksum & 0x3f);
}
