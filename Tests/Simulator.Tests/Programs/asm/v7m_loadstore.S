/* ARMv7-M 32-bit loads and stores (ARM ARM A5.3.5-A5.3.10): immediate, indexed, register,
   literal, dual, exclusive, multiple, preload. r11 is the checksum. */
    .syntax unified
    .thumb
    .text
#include "corpus.inc"


    .global run_tests
    .thumb_func
run_tests:
    push {r4-r11, lr}
    mov r11, r0
    movs r10, #0
outer:
    ldr r9, =values
    ldr.w r0, [r9, r10, lsl #2]
    add r8, r10, #3
    and r8, r8, #7
    ldr r1, [r9, r8, lsl #2]
    ldr r4, =scratch

    /* A5.3.10 stores: 12-bit immediate, 8-bit immediate with index/writeback, register, unprivileged */
    str.w r0, [r4, #0x100]
    strh.w r1, [r4, #0x104]
    strb.w r0, [r4, #0x107]
    str r1, [r4, #-4]
    strh r0, [r4, #8]!
    strb r1, [r4], #-8
    str r0, [r4, #12]!
    str r1, [r4], #4
    sub r4, r4, #16
    strh r0, [r4, #-2]
    strb r0, [r4, #-1]
    str.w r1, [r4, r10, lsl #2]
    strh.w r0, [r4, r10, lsl #1]
    strb.w r1, [r4, r10]
    strt r0, [r4, #20]
    strbt r1, [r4, #24]
    strht r0, [r4, #28]

    /* A5.3.7-A5.3.9 loads */
    ldr.w r2, [r4, #0x100]
    MIX r2
    ldrh.w r2, [r4, #0x104]
    MIX r2
    ldrb.w r2, [r4, #0x107]
    MIX r2
    ldrsh.w r2, [r4, #0x104]
    MIX r2
    ldrsb.w r2, [r4, #0x107]
    MIX r2
    ldr r2, [r4, #-4]
    MIX r2
    ldrh r2, [r4, #8]!
    MIX r2
    ldrb r2, [r4], #-8
    MIX r2
    ldrsh r2, [r4, #-2]
    MIX r2
    ldrsb r2, [r4, #1]!
    MIX r2
    ldrsb r2, [r4], #-1
    MIX r2
    ldrsh r2, [r4, #2]!
    MIX r2
    ldrh r2, [r4], #-2
    MIX r2
    ldr r2, [r4, #4]!
    MIX r2
    ldr r2, [r4], #-4
    MIX r2
    ldr.w r2, [r4, r10, lsl #2]
    MIX r2
    ldrh.w r2, [r4, r10, lsl #1]
    MIX r2
    ldrsh.w r2, [r4, r10, lsl #1]
    MIX r2
    ldrb.w r2, [r4, r10]
    MIX r2
    ldrsb.w r2, [r4, r10, lsl #3]
    MIX r2
    ldrt r2, [r4, #20]
    MIX r2
    ldrbt r2, [r4, #24]
    MIX r2
    ldrsbt r2, [r4, #24]
    MIX r2
    ldrht r2, [r4, #28]
    MIX r2
    ldrsht r2, [r4, #28]
    MIX r2
    ldr.w r2, literal_pool
    MIX r2
    ldrh.w r2, literal_pool
    MIX r2
    ldrsh.w r2, literal_pool + 2
    MIX r2
    ldrb.w r2, literal_pool + 1
    MIX r2
    ldrsb.w r2, literal_pool + 3
    MIX r2
    ldr.w r2, back_pool
    MIX r2

    /* Preload hints (no architectural effect) */
    pld [r4, #64]
    pld [r4, #-8]
    pld [r4, r10, lsl #2]
    pld literal_pool
    pli [r4, #64]
    pli [r4, #-8]
    pli [r4, r10]
    pli literal_pool

    /* A5.3.6 dual and exclusive */
    strd r0, r1, [r4, #32]
    ldrd r2, r3, [r4, #32]
    MIX r2
    MIX r3
    strd r1, r0, [r4, #-8]!
    ldrd r2, r3, [r4], #8
    MIX r2
    ldrd r2, r3, dual_literal
    MIX r3
    ldrex r2, [r4, #32]
    strex r3, r1, [r4, #32]
    MIX r3
    strex r3, r1, [r4, #32]
    MIX r3
    ldrexb r2, [r4]
    strexb r3, r0, [r4]
    MIX r3
    ldrexh r2, [r4]
    strexh r3, r1, [r4]
    MIX r3
    ldr r2, [r4]
    MIX r2

    /* A5.3.5 load/store multiple */
    stmia.w r4, {r0, r1, r10, r11}
    ldmia.w r4, {r5, r6, r7}
    MIX r7
    stmia r4!, {r0, r1}
    stmdb r4!, {r5, r6, r7}
    ldmdb r4, {r2, r3}
    MIX r3
    ldmia r4!, {r2, r3, r5}
    MIX r5
    push.w {r0, r1, r2, r3, r8}
    pop.w {r1, r2, r3, r5, r8}
    MIX r5
    str r0, [sp, #-4]!
    ldr r2, [sp], #4
    MIX r2

    add r10, r10, #1
    cmp r10, #8
    bne.w outer
    mov r0, r11
    pop {r4-r11, pc}

    .align 3
dual_literal:
    .word 0x01020304, 0xA0B0C0D0
back_pool:
literal_pool:
    .word 0x8899AABB
    .ltorg

    .data
    .align 2
values:
    .word 0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x12345678, 0xDEADBEEF, 0x0000FF80
    .bss
    .align 3
scratch:
    .space 512
