/* SysTick interrupts, SVC, PendSV and a UsageFault that the handler recovers from (ARMv7-M). */
#include "semihost.h"

#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28)
#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04)
#define SYST_CSR (*(volatile uint32_t *)0xE000E010)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018)

static volatile int ticks, svcs, pendsvs, faults;
static volatile uint32_t fault_status;

void SysTick_Handler(void) { ticks++; }
void SVC_Handler(void) { svcs++; }
void PendSV_Handler(void) { pendsvs++; }

/* Skips the faulting (16-bit UDF) instruction by advancing the stacked PC. */
void UsageFault_Handler(void) __attribute__((naked));
void UsageFault_Handler(void)
{
    __asm__ volatile(
        "ldr r1, =fault_status\n"
        "ldr r2, =0xE000ED28\n"
        "ldr r3, [r2]\n"
        "str r3, [r1]\n"
        "str r3, [r2]\n"
        "ldr r1, =faults\n"
        "ldr r3, [r1]\n"
        "adds r3, #1\n"
        "str r3, [r1]\n"
        "ldr r0, [sp, #24]\n"
        "adds r0, #2\n"
        "str r0, [sp, #24]\n"
        "bx lr\n");
}

int main(void)
{
    SCB_SHCSR |= 1u << 18;
    SYST_RVR = 999;
    SYST_CVR = 0;
    SYST_CSR = 7;
    while (ticks < 5) {
    }
    SYST_CSR = 0;
    __asm__ volatile("svc #1");
    __asm__ volatile("svc #2");
    SCB_ICSR = 1u << 28;
    __asm__ volatile("dsb\nisb");
    __asm__ volatile("udf #3");
    /* QEMU's SysTick follows host time, so only "at least 5" is comparable. */
    put_string("ticks>=5:");
    put_dec(ticks >= 5);
    put_string(" svcs=");
    put_dec(svcs);
    put_string(" pendsvs=");
    put_dec(pendsvs);
    put_string(" faults=");
    put_dec(faults);
    put_string(" cfsr=");
    put_hex(fault_status);
    put_string(" after=");
    put_hex(SCB_CFSR);
    put_char('\n');
    return 0;
}
