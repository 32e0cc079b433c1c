/* ARMv7-M 32-bit data processing, multiply, divide, bit field, saturate, IT, branches and table
   branches (ARM ARM A5.3.1-A5.3.4, A5.3.11-A5.3.17 without the DSP encodings). r11 is the checksum. */
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
    ldr r0, [r9, r10, lsl #2]
    add r8, r10, #5
    and r8, r8, #7
    ldr r1, [r9, r8, lsl #2]
    /* Vary the incoming carry flag. */
    lsrs r12, r10, #1

    /* A5.3.1 modified immediate: every operation, constants of each ThumbExpandImm form */
    and r2, r0, #0xFF
    MIX r2
    ands r2, r0, #0x00AB00AB
    FLAGS
    tst r0, #0x80000000
    FLAGS
    bics r2, r0, #0xAB00AB00
    FLAGS
    orr r2, r1, #0x3FC
    MIX r2
    orrs r2, r1, #0xF0000000
    FLAGS
    mov r2, #0xABABABAB
    MIX r2
    movs r2, #0x00000F00
    FLAGS
    mvn r2, #7
    MIX r2
    mvns r2, #0x80000000
    FLAGS
    orn r2, r0, #0xFF00
    MIX r2
    teq r0, #0x4000
    FLAGS
    eors r2, r1, #0x1FE0
    FLAGS
    cmn r0, #0x55
    FLAGS
    add r2, r0, #0x100
    adds r2, r0, #0x7F000000
    FLAGS
    adcs r2, r1, #0x24
    FLAGS
    sbc r2, r1, #0x10000
    sbcs r2, r0, #0x10000
    FLAGS
    cmp r1, #0x8000
    FLAGS
    subs r2, r0, #0xC0000000
    FLAGS
    rsbs r2, r1, #0x2C
    FLAGS
    rsb r2, r0, #0

    /* A5.3.3 plain binary immediate */
    addw r2, r0, #0xABC
    MIX r2
    subw r2, r1, #0x123
    MIX r2
    adr.w r2, far_label
    MIX r2
    sub r3, pc, #0x10
    addw r2, pc, #0x20
    MIX r2
    movw r2, #0xBEEF
    movt r2, #0xDEAD
    MIX r2
    ssat r2, #8, r0
    FLAGS
    ssat r2, #16, r1, asr #3
    FLAGS
    usat r2, #7, r0, lsl #2
    FLAGS
    usat r2, #31, r1
    FLAGS
    sbfx r2, r0, #3, #9
    MIX r2
    ubfx r2, r1, #20, #12
    MIX r2
    mov r2, r0
    bfi r2, r1, #8, #5
    MIX r2
    bfc r2, #4, #20
    MIX r2

    /* A5.3.11 shifted register: every operation and shift type */
    and r2, r0, r1, lsl #3
    ands r2, r0, r1, lsr #7
    FLAGS
    tst r0, r1, asr #31
    FLAGS
    bic r2, r0, r1, ror #13
    bics r2, r1, r0, rrx
    FLAGS
    mov.w r2, r1
    movs.w r2, r0
    FLAGS
    lsl.w r2, r0, #4
    lsrs.w r2, r1, #32
    FLAGS
    asrs.w r2, r0, #17
    FLAGS
    rors.w r2, r1, #9
    FLAGS
    rrxs r2, r0
    FLAGS
    orr r2, r0, r1, lsl #31
    orrs r2, r0, r1, lsr #1
    FLAGS
    mvn r2, r1, asr #2
    mvns r2, r0, lsl #1
    FLAGS
    orn r2, r0, r1, ror #4
    orns r2, r1, r0
    FLAGS
    teq r0, r1, lsl #5
    FLAGS
    eor r2, r0, r1, lsr #16
    eors r2, r1, r0, asr #8
    FLAGS
    cmn r0, r1, lsl #2
    FLAGS
    add r2, r0, r1, ror #24
    adds r2, r0, r1, lsl #16
    FLAGS
    adc r2, r0, r1
    adcs r2, r0, r1, asr #1
    FLAGS
    sbc r2, r0, r1
    sbcs r2, r1, r0, lsr #3
    FLAGS
    cmp r0, r1, lsl #1
    FLAGS
    sub r2, r0, r1, asr #5
    subs r2, r1, r0, rrx
    FLAGS
    rsb r2, r0, r1, lsl #2
    rsbs r2, r1, r0
    FLAGS
    MIX r2

    /* A5.3.12 register-controlled shifts and extends */
    and r3, r1, #0xFF
    lsl.w r2, r0, r3
    lsls.w r2, r0, r3
    FLAGS
    lsrs.w r2, r0, r3
    FLAGS
    asrs.w r2, r0, r3
    FLAGS
    rors.w r2, r0, r3
    FLAGS
    sxth.w r2, r0, ror #8
    MIX r2
    uxth.w r2, r1, ror #16
    MIX r2
    sxtb.w r2, r1, ror #24
    MIX r2
    uxtb.w r2, r0
    MIX r2

    /* A5.3.15 miscellaneous: reverse, bit reverse, count leading zeros */
    rev.w r2, r0
    MIX r2
    rev16.w r2, r1
    MIX r2
    rbit r2, r0
    MIX r2
    revsh.w r2, r1
    MIX r2
    clz r2, r0
    MIX r2

    /* A5.3.16/17 multiply, long multiply, divide */
    mul r2, r0, r1
    MIX r2
    mla r2, r0, r1, r10
    MIX r2
    mls r2, r1, r0, r9
    MIX r2
    smull r2, r3, r0, r1
    MIX r2
    MIX r3
    umull r2, r3, r0, r1
    MIX r2
    MIX r3
    smlal r2, r3, r1, r0
    MIX r3
    umlal r2, r3, r0, r0
    MIX r2
    MIX r3
    sdiv r2, r0, r1
    MIX r2
    udiv r2, r1, r0
    MIX r2
    sdiv r2, r0, r10
    MIX r2

    /* IT blocks with every mask length and several conditions */
    cmp r0, r1
    itte eq
    moveq r2, #1
    addeq r2, r2, #2
    movne r2, #3
    MIX r2
    cmp r1, #0
    ittet gt
    movgt r2, #4
    addgt r2, #1
    suble r2, #1
    addgt r2, #7
    MIX r2
    cmp r0, r1
    itee cs
    movcs r2, #9
    movcc r2, #10
    addcc r2, #11
    MIX r2
    it mi
    addmi r2, r0, r1
    MIX r2
    tst r0, #1
    itttt ne
    addne r2, #1
    addne r2, #2
    addne r2, #3
    addne r2, #4
    MIX r2

    /* A5.3.4 branches: B T3 (conditional) and T4, BL, CBZ/CBNZ, TBB/TBH */
    cmp r0, r1
    bge.w 1f
    add r11, #1
1:  blt.w 1f
    add r11, #2
1:  bhi.w 1f
    add r11, #3
1:  bls.w 1f
    add r11, #4
1:  b.w 1f
    add r11, #5
1:  cbz r0, 1f
    add r11, #6
1:  cbnz r1, 1f
    add r11, #7
1:  and r3, r10, #3
    tbb [pc, r3]
branch_bytes:
    .byte (case0 - branch_bytes) / 2, (case1 - branch_bytes) / 2, (case2 - branch_bytes) / 2, (case3 - branch_bytes) / 2
case0:
    add r11, #0x10
case1:
    add r11, #0x20
case2:
    add r11, #0x30
case3:
    tbh [pc, r3, lsl #1]
branch_halves:
    .hword (hcase0 - branch_halves) / 2, (hcase1 - branch_halves) / 2, (hcase2 - branch_halves) / 2, (hcase3 - branch_halves) / 2
hcase0:
    add r11, #0x100
hcase1:
    add r11, #0x200
hcase2:
    add r11, #0x300
hcase3:
    nop.w
    yield.w
    sev.w
    dbg #5
    .inst.n 0xBF60          /* reserved 16-bit hint: executes as NOP */
    svc #3                  /* exception entry and return through SVC_Handler below */
    ldr r2, =0xE000ED24     /* SHCSR.USGFAULTENA, then two undefined instructions the handler skips */
    ldr r3, [r2]
    orr r3, r3, #(1 << 18)
    str r3, [r2]
    udf #1
    udf.w #2
    /* LDRH/LDRSH with Rt = PC are unallocated memory hints that execute as NOPs. */
    .inst.w 0xF8B0F000
    .inst.w 0xF830FC00
    .inst.w 0xF830F000
    .inst.w 0xF8BFF000
    mrs r2, msp
    msr apsr_nzcvq, r0
    FLAGS
    mrs r2, basepri
    movs r3, #0x40
    msr basepri, r3
    msr basepri_max, r3
    mrs r2, basepri
    MIX r2
    movs r3, #0
    msr basepri, r3
    mrs r2, faultmask
    mrs r2, control
    MIX r2
    dmb sy
    dsb sy
    isb sy
    clrex

    add r10, r10, #1
    cmp r10, #8
    bne.w outer
    mov r0, r11
    pop {r4-r11, pc}

    .global UsageFault_Handler
    .thumb_func
UsageFault_Handler:
    ldr r0, [sp, #24]
    ldrh r1, [r0]
    cmp r1, #0xE800
    ite hs
    addhs r0, #4
    addlo r0, #2
    str r0, [sp, #24]
    ldr r1, =0xE000ED28
    ldr r2, [r1]
    str r2, [r1]
    add r11, r11, r2
    bx lr

    .global SVC_Handler
    .thumb_func
SVC_Handler:
    mrs r12, ipsr
    add r11, r11, r12
    bx lr

    .align 2
far_label:
    .word 0x11223344
    .ltorg

    .data
    .align 2
values:
    .word 0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x12345678, 0xDEADBEEF, 0x0000FF80
