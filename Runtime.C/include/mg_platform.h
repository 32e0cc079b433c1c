/* MicroGen C runtime: what the harness needs from the board (console, inputs, exit, cycle counter).
 * One implementation per console kind is compiled in, chosen by the generated Makefile. */
#ifndef MG_PLATFORM_H
#define MG_PLATFORM_H

#include <stdint.h>

void mg_platform_init(int argc, char **argv);
void mg_console_write(const char *text, uint32_t length);

/* Loads model input `index` from the host side (a file on the host, or "mg_input<index>.bin" through semihosting).
 * Returns 1 when it did, 0 when the linked test vector should be used. */
int mg_platform_read_input(int index, void *data, uint32_t bytes);

/* Ends the program: the process exit status on the host, SYS_EXIT under semihosting, otherwise an idle loop
 * (a branch to itself) after the "mg-done" line. */
void mg_platform_exit(int status) __attribute__((noreturn));

/* A free-running cycle counter (DWT CYCCNT on Cortex-M3 and up), or 0 where there is none. */
uint32_t mg_platform_cycles(void);

#endif /* MG_PLATFORM_H */
