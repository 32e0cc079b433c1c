/* External interrupts through the NVIC: enable, pend by STIR and ISPR, priorities, PRIMASK and BASEPRI masking. */
#include "semihost.h"

#define NVIC_ISER0 (*(volatile uint32_t *)0xE000E100)
#define NVIC_ISPR0 (*(volatile uint32_t *)0xE000E200)
#define NVIC_IPR ((volatile uint8_t *)0xE000E400)
#define NVIC_STIR (*(volatile uint32_t *)0xE000EF00)
#define DWT_CTRL (*(volatile uint32_t *)0xE0001000)
#define DWT_CYCCNT (*(volatile uint32_t *)0xE0001004)
#define DEMCR (*(volatile uint32_t *)0xE000EDFC)

static volatile int order[8];
static volatile int count;

static void record(int irq) { order[count++] = irq; }

void irq3_handler(void) { record(3); }
void irq5_handler(void)
{
    record(5);
    NVIC_STIR = 3;           /* lower priority: runs after this handler returns */
    __asm__ volatile("dsb\nisb");
    record(50);
}

__attribute__((section(".vectors_irq"))) void (*const irq_vectors[8])(void) = {
    0, 0, 0, irq3_handler, 0, irq5_handler, 0, 0,
};

int main(void)
{
    NVIC_IPR[3] = 0xC0;
    NVIC_IPR[5] = 0x40;
    NVIC_ISER0 = (1u << 3) | (1u << 5);
    __asm__ volatile("cpsid i");
    NVIC_ISPR0 = 1u << 5;
    record(1);               /* masked by PRIMASK */
    __asm__ volatile("cpsie i\nisb");
    record(2);
    uint32_t basepri = 0x80;
    __asm__ volatile("msr basepri, %0\nisb" :: "r"(basepri));
    NVIC_STIR = 3;           /* priority 0xC0 is masked by BASEPRI 0x80 */
    __asm__ volatile("dsb\nisb");
    record(4);
    basepri = 0;
    __asm__ volatile("msr basepri, %0\nisb" :: "r"(basepri));
    put_string("order=");
    for (int i = 0; i < count; i++) {
        put_dec(order[i]);
        put_char(' ');
    }
#if defined(CHECK_DWT)
    /* QEMU does not model DWT CYCCNT (reads 0): this part runs only in the simulator's own test. */
    DEMCR |= 1u << 24;
    DWT_CTRL |= 1;
    uint32_t before = DWT_CYCCNT;
    for (volatile int i = 0; i < 100; i++) {
    }
    uint32_t after = DWT_CYCCNT;
    put_string(after - before > 100 ? "cyccnt counts" : "cyccnt stuck");
#endif
    put_char('\n');
    return count;
}
