/* One small scenario per -DCASE_... flag, for fault and stop-reason tests. Entry point: main. */
    .syntax unified
    .thumb
    .text
    .global main
    .thumb_func
main:
#if defined(CASE_SDIV)
    movs r0, #10
    movs r1, #2
    .inst.w 0xFB90F0F1      /* sdiv r0, r0, r1 */
#elif defined(CASE_WIDE_ADD)
    .inst.w 0xEB010002      /* add.w r0, r1, r2 */
#elif defined(CASE_DSP)
    .inst.w 0xFA91F012      /* sadd16 r0, r1, r2 */
#elif defined(CASE_DSP_USAGEFAULT_ENABLED)
    ldr r0, =0xE000ED24
    ldr r1, =(1 << 18)
    str r1, [r0]
    .inst.w 0xFA91F012      /* sadd16 r0, r1, r2 */
#elif defined(CASE_FPU)
    .inst.w 0xEE300A20      /* vadd.f32 s0, s0, s1 */
#elif defined(CASE_UNMAPPED_LOAD)
    ldr r0, =0x30000010
    ldr r1, [r0]
#elif defined(CASE_UNMAPPED_STORE_ENABLED)
    ldr r0, =0xE000ED24
    ldr r1, =(1 << 17)
    str r1, [r0]
    ldr r0, =0x50000000
    str r1, [r0, #4]
#elif defined(CASE_FLASH_STORE)
    ldr r0, =0x00001000
    str r0, [r0]
#elif defined(CASE_RUNAWAY)
1:  adds r0, #1
    b 1b
#elif defined(CASE_IDLE)
    b .
#elif defined(CASE_IDLE_WITH_SYSTICK)
    ldr r0, =0xE000E010
    ldr r1, =999
    str r1, [r0, #4]
    movs r1, #7
    str r1, [r0]
    b .
#elif defined(CASE_BKPT)
    bkpt #7
#elif defined(CASE_DIV0_TRAP)
    ldr r0, =0xE000ED14
    ldr r1, [r0]
    movs r2, #0x10
    orrs r1, r2
    str r1, [r0]
    movs r1, #0
    .inst.w 0xFB90F0F1      /* sdiv r0, r0, r1 */
#elif defined(CASE_UNALIGNED_LDM)
    ldr r0, =0x20000002
    ldm r0, {r1, r2}
#elif defined(CASE_ARM_STATE)
    ldr r0, =target
    bx r0
target:
    nop
#elif defined(CASE_WFI)
    wfi
#elif defined(CASE_SYS_EXIT)
    movs r0, #0x18
    ldr r1, =SYS_EXIT_REASON
    bkpt 0xAB
#else
#error "no case selected"
#endif
    movs r0, #0
    bx lr
    .ltorg
