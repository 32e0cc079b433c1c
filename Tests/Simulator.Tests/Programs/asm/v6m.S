/* ARMv6-M (Thumb 16-bit + BL/MRS/MSR/barriers): every encoding of thumb16.decode that a test can
   execute without leaving thread mode, grouped as ARM ARM A5.2. r7 accumulates a checksum. */
    .syntax unified
    .thumb
    .text

    .macro MIX reg
    adds r7, r7, \reg
    movs r6, #7
    rors r7, r6
    .endm

    .global run_tests
    .thumb_func
run_tests:
    push {r4-r7, lr}
    mov r4, r8
    mov r5, r9
    push {r4, r5}
    movs r7, #0
    ldr r1, =values
    movs r5, #0
outer:
    /* r0 = values[r5], r1 = values[(r5 + 3) & 7] */
    ldr r1, =values
    lsls r2, r5, #2
    ldr r0, [r1, r2]
    adds r3, r5, #3
    movs r4, #7
    ands r3, r4
    lsls r3, r3, #2
    ldr r1, [r1, r3]

    /* A5.2.1 shift (immediate), add, subtract, move, compare */
    lsls r2, r0, #5
    MIX r2
    lsls r2, r0, #0
    MIX r2
    lsrs r2, r0, #3
    MIX r2
    lsrs r2, r0, #32
    MIX r2
    asrs r2, r0, #31
    MIX r2
    asrs r2, r0, #32
    MIX r2
    adds r2, r0, r1
    MIX r2
    subs r2, r0, r1
    MIX r2
    adds r2, r0, #5
    MIX r2
    subs r2, r0, #7
    MIX r2
    movs r2, #200
    MIX r2
    cmp r0, #100
    mrs r3, apsr
    MIX r3
    movs r2, r0
    adds r2, #255
    MIX r2
    subs r2, #128
    MIX r2

    /* A5.2.2 data processing */
    movs r2, r0
    ands r2, r1
    MIX r2
    movs r2, r0
    eors r2, r1
    MIX r2
    movs r2, r0
    movs r3, #33
    lsls r2, r3
    MIX r2
    movs r2, r0
    movs r3, #4
    lsls r2, r3
    MIX r2
    movs r2, r0
    lsrs r2, r3
    MIX r2
    movs r2, r0
    movs r3, #40
    asrs r2, r3
    MIX r2
    movs r2, r0
    movs r3, #4
    asrs r2, r3
    MIX r2
    movs r2, r0
    adcs r2, r1
    MIX r2
    movs r2, r0
    sbcs r2, r1
    MIX r2
    movs r2, r0
    movs r3, #9
    rors r2, r3
    MIX r2
    tst r0, r1
    mrs r3, apsr
    MIX r3
    rsbs r2, r0, #0
    MIX r2
    cmp r0, r1
    mrs r3, apsr
    MIX r3
    cmn r0, r1
    mrs r3, apsr
    MIX r3
    movs r2, r0
    orrs r2, r1
    MIX r2
    movs r2, r0
    muls r2, r1, r2
    MIX r2
    movs r2, r0
    bics r2, r1
    MIX r2
    mvns r2, r1
    MIX r2

    /* A5.2.3 special data instructions and branch and exchange */
    mov r8, r0
    mov r9, r1
    add r8, r9
    mov r2, r8
    MIX r2
    cmp r8, r9
    mrs r3, apsr
    MIX r3
    cmp r2, r8
    mov r2, sp
    MIX r2
    adr r2, literal_word
    MIX r2
    ldr r3, =1f + 1
    bx r3
    .align 2
1:  ldr r3, =leaf + 1
    blx r3
    MIX r0
    bl leaf
    MIX r0

    /* A5.2.4 load/store single data item */
    ldr r4, =scratch
    str r0, [r4]
    strh r1, [r4, #4]
    strb r0, [r4, #7]
    movs r3, #8
    str r1, [r4, r3]
    movs r3, #12
    strh r0, [r4, r3]
    movs r3, #14
    strb r1, [r4, r3]
    ldr r2, [r4, #4]
    MIX r2
    ldrh r2, [r4, #6]
    MIX r2
    ldrb r2, [r4, #7]
    MIX r2
    movs r3, #4
    ldr r2, [r4, r3]
    MIX r2
    ldrh r2, [r4, r3]
    MIX r2
    ldrb r2, [r4, r3]
    MIX r2
    ldrsb r2, [r4, r3]
    MIX r2
    ldrsh r2, [r4, r3]
    MIX r2
    ldr r2, literal_word
    MIX r2
    sub sp, #16
    str r0, [sp, #4]
    ldr r2, [sp, #4]
    MIX r2
    add r2, sp, #8
    MIX r2
    add sp, #16

    /* A5.2.5 miscellaneous 16-bit instructions */
    sxth r2, r0
    MIX r2
    sxtb r2, r0
    MIX r2
    uxth r2, r1
    MIX r2
    uxtb r2, r1
    MIX r2
    rev r2, r0
    MIX r2
    rev16 r2, r0
    MIX r2
    revsh r2, r1
    MIX r2
    push {r0, r1, r2}
    pop {r1, r2, r3}
    MIX r3
    nop
    yield
    sev
    cpsid i
    cpsie i
    mrs r2, primask
    MIX r2

    /* Load/store multiple */
    ldr r4, =scratch
    stmia r4!, {r0, r1, r2}
    subs r4, #12
    ldmia r4!, {r1, r2, r3}
    MIX r3
    ldmia r4, {r2, r4}
    MIX r2

    /* A5.2.6 conditional branch (each condition, taken and not taken) */
    cmp r0, r1
    beq 2f
    adds r7, #1
2:  bne 2f
    adds r7, #2
2:  bcs 2f
    adds r7, #3
2:  bcc 2f
    adds r7, #4
2:  bmi 2f
    adds r7, #5
2:  bpl 2f
    adds r7, #6
2:  bvs 2f
    adds r7, #7
2:  bvc 2f
    adds r7, #8
2:  bhi 2f
    adds r7, #9
2:  bls 2f
    adds r7, #10
2:  bge 2f
    adds r7, #11
2:  blt 2f
    adds r7, #12
2:  bgt 2f
    adds r7, #13
2:  ble 2f
    adds r7, #14
2:  b 2f
    adds r7, #15
2:  dmb
    dsb
    isb
    mrs r2, msp
    msr apsr_nzcvq, r0
    mrs r3, apsr
    MIX r3

    adds r5, #1
    cmp r5, #8
    beq done
    b outer
done:
    mov r0, r7
    pop {r4, r5}
    mov r8, r4
    mov r9, r5
    pop {r4-r7, pc}

    .thumb_func
leaf:
    adds r0, r0, #1
    bx lr

    .align 2
literal_word:
    .word 0xCAFEF00D
    .ltorg

    .data
    .align 2
values:
    .word 0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x12345678, 0xDEADBEEF, 0x0000FF80
    .bss
    .align 2
scratch:
    .space 64
