/* Prints through semihosting and returns a value as the exit code. */
#include "semihost.h"

static int fibonacci(int n) { return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2); }

int main(void)
{
    put_string("hello from the simulator\n");
    put_string("fib(15)=");
    put_dec(fibonacci(15));
    put_string("\n");
    return 7;
}
