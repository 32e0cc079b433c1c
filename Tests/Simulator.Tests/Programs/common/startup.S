/* Minimal Cortex-M startup for the simulator's test programs (Thumb-1 only, so it runs on M0+).
   Copies .data, clears .bss, calls main, then exits through semihosting with main's result. */
    .syntax unified
    .thumb
    .section .vectors, "a"
    .global __vectors
__vectors:
    .word __stack_top
    .word reset_handler
    .word NMI_Handler
    .word HardFault_Handler
    .word MemManage_Handler
    .word BusFault_Handler
    .word UsageFault_Handler
    .word 0, 0, 0, 0
    .word SVC_Handler
    .word 0, 0
    .word PendSV_Handler
    .word SysTick_Handler
    /* External interrupts 0-7 can be given by a program in section .vectors_irq; the rest use the default. */
    .section .vectors_irq, "a"
    .weak irq_vectors
    .section .vectors_rest, "a"
    .rept 24
    .word default_handler
    .endr

    .text
    .thumb_func
    .weak default_handler
default_handler:
    b default_handler

    .weak NMI_Handler, HardFault_Handler, MemManage_Handler, BusFault_Handler, UsageFault_Handler
    .weak SVC_Handler, PendSV_Handler, SysTick_Handler
    .thumb_set NMI_Handler, default_handler
    .thumb_set HardFault_Handler, default_handler
    .thumb_set MemManage_Handler, default_handler
    .thumb_set BusFault_Handler, default_handler
    .thumb_set UsageFault_Handler, default_handler
    .thumb_set SVC_Handler, default_handler
    .thumb_set PendSV_Handler, default_handler
    .thumb_set SysTick_Handler, default_handler

    .thumb_func
    .global reset_handler
reset_handler:
#if defined(__ARM_FP)
    /* Enable CP10/CP11 (the FPU) in CPACR before any floating-point instruction. */
    ldr r0, =0xE000ED88
    ldr r1, [r0]
    ldr r2, =(0xF << 20)
    orrs r1, r2
    str r1, [r0]
    dsb
    isb
#endif
    ldr r0, =__data_load
    ldr r1, =__data_start
    ldr r2, =__data_end
1:  cmp r1, r2
    bhs 2f
    ldr r3, [r0]
    str r3, [r1]
    adds r0, #4
    adds r1, #4
    b 1b
2:  ldr r1, =__bss_start
    ldr r2, =__bss_end
    movs r3, #0
3:  cmp r1, r2
    bhs 4f
    str r3, [r1]
    adds r1, #4
    b 3b
4:  bl main
    .global semihost_exit
    .thumb_func
semihost_exit:
    /* SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit and the exit code. */
    sub sp, #8
    ldr r1, =0x20026
    str r1, [sp]
    str r0, [sp, #4]
    mov r1, sp
    movs r0, #0x20
    bkpt 0xAB
5:  b 5b
