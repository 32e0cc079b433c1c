/* Code written into RAM, executed, patched and executed again: the decode cache must see the patch. */
#include "semihost.h"

static volatile uint16_t code[4] __attribute__((aligned(4)));

typedef int (*function)(void);

int main(void)
{
    code[0] = 0x2001;   /* movs r0, #1 */
    code[1] = 0x4770;   /* bx lr */
    function f = (function)((uint32_t)code | 1u);
    __asm__ volatile("dsb\nisb" ::: "memory");
    int first = f();
    code[0] = 0x202A;   /* movs r0, #42 */
    __asm__ volatile("dsb\nisb" ::: "memory");
    int second = f();
    put_string("first=");
    put_dec(first);
    put_string(" second=");
    put_dec(second);
    put_char('\n');
    return second;
}
