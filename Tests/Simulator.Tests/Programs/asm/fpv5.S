/* FPv5-SP additions (Cortex-M7): VSEL, VMAXNM, VMINNM, VRINT{A,N,P,M,R,Z,X}, VCVT{A,N,P,M}. */
    .syntax unified
    .thumb
    .fpu fpv5-sp-d16
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
    add r3, r9, r10, lsl #2
    vldr s0, [r3]
    add r8, r10, #5
    and r8, r8, #15
    add r3, r9, r8, lsl #2
    vldr s1, [r3]
    movs r12, #0
    vmsr fpscr, r12
    cmp r10, r8
    vseleq.f32 s2, s0, s1
    FMIX s2
    vselvs.f32 s2, s1, s0
    FMIX s2
    vselge.f32 s2, s0, s1
    FMIX s2
    vselgt.f32 s2, s1, s0
    FMIX s2
    vmaxnm.f32 s3, s0, s1
    FMIX s3
    vminnm.f32 s3, s0, s1
    FMIX s3
    vrinta.f32 s4, s0
    FMIX s4
    vrintn.f32 s4, s0
    FMIX s4
    vrintp.f32 s4, s1
    FMIX s4
    vrintm.f32 s4, s1
    FMIX s4
    vrintr.f32 s4, s0
    FMIX s4
    vrintz.f32 s4, s1
    FMIX s4
    vrintx.f32 s4, s0
    FMIX s4
    vcvta.s32.f32 s5, s0
    FMIX s5
    vcvtn.u32.f32 s5, s1
    FMIX s5
    vcvtp.s32.f32 s5, s1
    FMIX s5
    vcvtm.u32.f32 s5, s0
    FMIX s5
    vmrs r12, fpscr
    MIX r12
    add r10, r10, #1
    cmp r10, #16
    bne outer
    mov r0, r11
    pop {r4-r11, pc}
    .ltorg

    .data
    .align 2
values:
    .float 1.5, -2.5, 2.5, -0.5, 0.49999997, 7.0, 123456.789, -1.0e10
    .word 0x7F800000, 0xFF800000, 0x7FC00001, 0x7F800001, 0x00000001, 0x80000000, 0x3F000000, 0xBF400000
