/* Semihosting file operations against the run options' virtual files, errors, clock and console input. */
#include "semihost.h"

static int sys(int op, const uint32_t *args) { return semihost_call(op, args); }

static int open_file(const char *name, uint32_t length, uint32_t mode)
{
    uint32_t args[3] = { (uint32_t)name, mode, length };
    return sys(0x01, args);
}

int main(void)
{
    char buffer[32];
    int handle = open_file("input.bin", 9, 1);                     /* "rb" */
    uint32_t length_args[1] = { (uint32_t)handle };
    int length = sys(0x0C, length_args);
    uint32_t read_args[3] = { (uint32_t)handle, (uint32_t)buffer, 5 };
    int not_read = sys(0x06, read_args);
    buffer[5 - not_read] = 0;
    put_string("len=");
    put_dec(length);
    put_string(" first=");
    put_string(buffer);
    uint32_t seek_args[2] = { (uint32_t)handle, 7 };
    sys(0x0A, seek_args);
    read_args[2] = 20;
    not_read = sys(0x06, read_args);
    buffer[20 - not_read] = 0;
    put_string(" tail=");
    put_string(buffer);
    put_string(" short=");
    put_dec(not_read);
    sys(0x02, length_args);

    int missing = open_file("missing.bin", 11, 0);
    put_string(" missing=");
    put_dec(missing);
    put_string(" errno=");
    put_dec(sys(0x13, 0));

    int out = open_file("out.txt", 7, 4);                          /* "w" */
    uint32_t write_args[3] = { (uint32_t)out, (uint32_t)"written", 7 };
    put_string(" wrote=");
    put_dec(sys(0x05, write_args));
    uint32_t close_args[1] = { (uint32_t)out };
    sys(0x02, close_args);

    int tty = open_file(":tt", 3, 0);
    uint32_t tty_args[1] = { (uint32_t)tty };
    put_string(" tty=");
    put_dec(sys(0x09, tty_args));
#if !defined(NO_CONSOLE_INPUT)
    put_string(" readc=");
    put_char((char)sys(0x07, 0));
#endif
    put_string(" freq=");
    put_dec(sys(0x31, 0));
    uint32_t elapsed[2] = { 0, 0 };
    sys(0x30, elapsed);
    put_string(elapsed[0] > 0 ? " elapsed>0" : " elapsed=0");
    put_char('\n');
    return 3;
}
