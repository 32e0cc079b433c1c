/* Host platform: stdout console, inputs from files named on the command line, exit status. */
#include <stdio.h>
#include <stdlib.h>
#include "mg_platform.h"

static int mg_argc;
static char **mg_argv;

void mg_platform_init(int argc, char **argv)
{
    mg_argc = argc;
    mg_argv = argv;
}

void mg_console_write(const char *text, uint32_t length)
{
    fwrite(text, 1, length, stdout);
}

int mg_platform_read_input(int index, void *data, uint32_t bytes)
{
    if (index + 1 >= mg_argc) {
        return 0;
    }
    FILE *file = fopen(mg_argv[index + 1], "rb");
    if (!file) {
        fprintf(stderr, "cannot open input %d: %s\n", index, mg_argv[index + 1]);
        exit(2);
    }
    size_t read = fread(data, 1, bytes, file);
    int extra = fgetc(file);
    fclose(file);
    if (read != bytes || extra != EOF) {
        fprintf(stderr, "input %d: %s must hold exactly %lu bytes\n", index, mg_argv[index + 1], (unsigned long)bytes);
        exit(2);
    }
    return 1;
}

void mg_platform_exit(int status)
{
    fflush(stdout);
    exit(status);
}

uint32_t mg_platform_cycles(void)
{
    return 0;
}
