/* FPv4-SP (ARM ARM A6): arithmetic, multiply-accumulate (chained and fused), conversions, compares,
   transfers, loads and stores, with the FPSCR flags each produces. r11 is the checksum. */
    .syntax unified
    .thumb
    .fpu fpv4-sp-d16
    .text
#include "corpus.inc"


    .global run_tests
    .thumb_func
run_tests:
    push {r4-r11, lr}
    vpush {s16-s31}
    mov r11, r0
    movs r10, #0
outer:
    ldr r9, =values
    add r3, r9, r10, lsl #2
    vldr s0, [r3]
    add r8, r10, #3
    and r8, r8, #15
    add r3, r9, r8, lsl #2
    vldr s1, [r3]
    vldr s2, [r3, #4]
    movs r12, #0
    vmsr fpscr, r12

    vadd.f32 s3, s0, s1
    vsub.f32 s4, s0, s1
    vmul.f32 s5, s0, s1
    vnmul.f32 s6, s0, s1
    vdiv.f32 s7, s0, s1
    vmov.f32 s8, s2
    vmla.f32 s8, s0, s1
    vmov.f32 s9, s2
    vmls.f32 s9, s0, s1
    vmov.f32 s10, s2
    vnmla.f32 s10, s0, s1
    vmov.f32 s11, s2
    vnmls.f32 s11, s0, s1
    vmov.f32 s12, s2
    vfma.f32 s12, s0, s1
    vmov.f32 s13, s2
    vfms.f32 s13, s0, s1
    vmov.f32 s14, s2
    vfnma.f32 s14, s0, s1
    vmov.f32 s15, s2
    vfnms.f32 s15, s0, s1
    vabs.f32 s16, s0
    vneg.f32 s17, s1
    vsqrt.f32 s18, s16
    vmov.f32 s19, #1.5
    vmov.f32 s20, #-0.125
    vmov.f32 s21, #31.0
    vcmp.f32 s0, s1
    vmrs APSR_nzcv, fpscr
    mrs r12, apsr
    MIX r12
    vcmpe.f32 s0, s2
    vmrs r12, fpscr
    MIX r12
    vcmp.f32 s1, #0.0
    vcmpe.f32 s2, #0.0
    vmrs r12, fpscr
    MIX r12

    vcvt.s32.f32 s22, s0
    vcvt.u32.f32 s23, s1
    vcvtr.s32.f32 s24, s2
    vcvtr.u32.f32 s25, s0
    vcvt.f32.s32 s26, s24
    vcvt.f32.u32 s27, s23
    vmov.f32 s28, s0
    vcvt.s32.f32 s28, s28, #8
    vcvt.f32.s32 s28, s28, #8
    vmov.f32 s29, s1
    vcvt.u16.f32 s29, s29, #4
    vcvt.f32.u16 s29, s29, #4
    vmov.f32 s30, s2
    vcvt.s16.f32 s30, s30, #2
    vcvt.f32.s16 s30, s30, #2
    vcvtb.f16.f32 s31, s0
    vcvtt.f16.f32 s31, s1
    vcvtb.f32.f16 s16, s31
    vcvtt.f32.f16 s17, s31

    /* Rounding modes: round towards +inf, -inf, zero for a divide and a conversion */
    ldr r12, =(1 << 22)
    vmsr fpscr, r12
    vdiv.f32 s18, s1, s2
    vcvtr.s32.f32 s19, s0
    ldr r12, =(2 << 22)
    vmsr fpscr, r12
    vdiv.f32 s20, s1, s2
    vcvtr.s32.f32 s21, s0
    ldr r12, =(3 << 22)
    vmsr fpscr, r12
    vadd.f32 s22, s1, s2
    ldr r12, =(1 << 24)
    vmsr fpscr, r12
    vmul.f32 s23, s0, s2
    ldr r12, =(1 << 25)
    vmsr fpscr, r12
    vadd.f32 s24, s0, s1
    vmrs r12, fpscr
    MIX r12

    /* A6.6/A6.7 transfers */
    vmov r2, s3
    vmov s25, r0
    vmov r2, r3, s4, s5
    MIX r2
    MIX r3
    vmov s26, s27, r2, r10
    vmov r2, r3, d3
    MIX r2
    vmov d4, r3, r2

    /* A6.5 extension register load/store */
    ldr r4, =scratch
    vstr s3, [r4]
    vstr d2, [r4, #8]
    vldr s27, [r4]
    vldr d9, [r4, #8]
    vstmia r4, {s3-s10}
    vldmia r4!, {s11-s13}
    vldmdb r4!, {s20-s21}
    vstmia r4, {d5-d7}
    vldmia r4, {d8-d9}
    vpush {s0-s3}
    vpop {s4-s7}
    vldr s28, float_literal

    /* Fold all registers into the checksum */
    vmov r2, s3
    MIX r2
    vmov r2, s4
    MIX r2
    vmov r2, s5
    MIX r2
    vmov r2, s6
    MIX r2
    vmov r2, s7
    MIX r2
    vmov r2, s8
    MIX r2
    vmov r2, s9
    MIX r2
    vmov r2, s10
    MIX r2
    vmov r2, s11
    MIX r2
    vmov r2, s12
    MIX r2
    vmov r2, s13
    MIX r2
    vmov r2, s14
    MIX r2
    vmov r2, s15
    MIX r2
    vmov r2, s16
    MIX r2
    vmov r2, s17
    MIX r2
    vmov r2, s18
    MIX r2
    vmov r2, s19
    MIX r2
    vmov r2, s20
    MIX r2
    vmov r2, s21
    MIX r2
    vmov r2, s22
    MIX r2
    vmov r2, s23
    MIX r2
    vmov r2, s24
    MIX r2
    vmov r2, s26
    MIX r2
    vmov r2, s27
    MIX r2
    vmov r2, s28
    MIX r2
    vmov r2, s29
    MIX r2
    vmov r2, s30
    MIX r2
    vmov r2, s31
    MIX r2

    add r10, r10, #1
    cmp r10, #16
    bne.w outer
    mov r0, r11
    vpop {s16-s31}
    pop {r4-r11, pc}

    .align 2
float_literal:
    .float 2.718281828
    .ltorg

    .data
    .align 2
values:
    .float 1.5, -2.25, 3.0e-39, 1.0e38, 0.1, -0.0, 7.0, 123456.789
    .word 0x7F800000, 0xFF800000, 0x7FC00001, 0x7F800001, 0x00000001, 0x3F800000, 0xC0490FDB, 0x4F000000
    .float 1.5, -2.25, 3.0
    .bss
    .align 3
scratch:
    .space 128
