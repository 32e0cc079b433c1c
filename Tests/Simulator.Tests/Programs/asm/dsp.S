/* ARMv7E-M DSP extension (ARM ARM A5.3.12-A5.3.17 DSP rows): parallel add/subtract with GE flags,
   saturating arithmetic, SEL, packing, extend-and-add, signed multiplies. r11 is the checksum. */
    .syntax unified
    .thumb
    .text
#include "corpus.inc"


    /* Clear Q and GE so each group starts from a known APSR. */
    .macro CLEARQ
    movs r12, #0
    msr apsr_nzcvqg, r12
    .endm

    .macro PARALLEL op
    \op r2, r0, r1
    MIX r2
    FLAGS
    .endm

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
    CLEARQ

    PARALLEL sadd16
    PARALLEL sasx
    PARALLEL ssax
    PARALLEL ssub16
    PARALLEL sadd8
    PARALLEL ssub8
    PARALLEL qadd16
    PARALLEL qasx
    PARALLEL qsax
    PARALLEL qsub16
    PARALLEL qadd8
    PARALLEL qsub8
    PARALLEL shadd16
    PARALLEL shasx
    PARALLEL shsax
    PARALLEL shsub16
    PARALLEL shadd8
    PARALLEL shsub8
    PARALLEL uadd16
    PARALLEL uasx
    PARALLEL usax
    PARALLEL usub16
    PARALLEL uadd8
    PARALLEL usub8
    PARALLEL uqadd16
    PARALLEL uqasx
    PARALLEL uqsax
    PARALLEL uqsub16
    PARALLEL uqadd8
    PARALLEL uqsub8
    PARALLEL uhadd16
    PARALLEL uhasx
    PARALLEL uhsax
    PARALLEL uhsub16
    PARALLEL uhadd8
    PARALLEL uhsub8
    uadd8 r2, r0, r1
    sel r2, r0, r1
    MIX r2

    CLEARQ
    qadd r2, r0, r1
    FLAGS
    qsub r2, r0, r1
    FLAGS
    qdadd r2, r0, r1
    FLAGS
    qdsub r2, r1, r0
    MIX r2
    FLAGS
    ssat16 r2, #9, r0
    FLAGS
    usat16 r2, #5, r1
    MIX r2
    FLAGS
    pkhbt r2, r0, r1, lsl #7
    MIX r2
    pkhtb r2, r0, r1, asr #11
    MIX r2
    pkhtb r2, r1, r0, asr #32
    MIX r2
    sxtah r2, r0, r1, ror #8
    MIX r2
    uxtah r2, r1, r0
    MIX r2
    sxtab r2, r0, r1, ror #16
    MIX r2
    uxtab r2, r0, r1, ror #24
    MIX r2
    sxtb16 r2, r0, ror #8
    MIX r2
    uxtb16 r2, r1
    MIX r2
    sxtab16 r2, r0, r1
    MIX r2
    uxtab16 r2, r1, r0, ror #16
    MIX r2

    CLEARQ
    smulbb r2, r0, r1
    MIX r2
    smulbt r2, r0, r1
    MIX r2
    smultb r2, r0, r1
    MIX r2
    smultt r2, r0, r1
    MIX r2
    smlabb r2, r0, r1, r2
    smlabt r2, r1, r0, r2
    smlatb r2, r0, r1, r2
    smlatt r2, r0, r0, r2
    MIX r2
    FLAGS
    smuad r2, r0, r1
    smuadx r3, r0, r1
    MIX r2
    MIX r3
    FLAGS
    smlad r2, r0, r1, r3
    smladx r2, r1, r0, r2
    MIX r2
    FLAGS
    smusd r2, r0, r1
    smusdx r3, r1, r0
    MIX r2
    MIX r3
    smlsd r2, r0, r1, r3
    smlsdx r2, r0, r1, r2
    MIX r2
    FLAGS
    smulwb r2, r0, r1
    smulwt r3, r0, r1
    MIX r2
    MIX r3
    smlawb r2, r0, r1, r3
    smlawt r2, r1, r0, r2
    MIX r2
    FLAGS
    smmul r2, r0, r1
    smmulr r3, r0, r1
    MIX r2
    MIX r3
    smmla r2, r0, r1, r3
    smmlar r2, r1, r0, r2
    smmls r3, r0, r1, r2
    smmlsr r3, r1, r1, r3
    MIX r2
    MIX r3
    usad8 r2, r0, r1
    usada8 r2, r1, r0, r2
    MIX r2
    mov r2, r0
    mov r3, r1
    smlalbb r2, r3, r0, r1
    smlalbt r2, r3, r1, r0
    smlaltb r2, r3, r0, r0
    smlaltt r2, r3, r1, r1
    MIX r2
    MIX r3
    smlald r2, r3, r0, r1
    smlaldx r2, r3, r1, r0
    MIX r2
    MIX r3
    smlsld r2, r3, r0, r1
    smlsldx r2, r3, r1, r0
    MIX r2
    MIX r3
    umaal r2, r3, r0, r1
    MIX r2
    MIX r3

    add r10, r10, #1
    cmp r10, #8
    bne.w outer
    mov r0, r11
    pop {r4-r11, pc}
    .ltorg

    .data
    .align 2
values:
    .word 0x00000000, 0x7FFF8000, 0xFFFFFFFF, 0x80017FFE, 0x12345678, 0xFEDCBA98, 0x7F807F80, 0x0102FF01
