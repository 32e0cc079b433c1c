namespace MicroGen.Simulator.Decode;

/// <summary>
/// Named field functions of the decode tables (the ARM ARM's immediate expansions). Each takes the
/// concatenated field bits, in pattern order, and returns the value the handler receives.
/// </summary>
public static class FieldFunctions
{
    /// <summary>Shift types packed by <see cref="DecodeImmShift"/>: type in bits 10:8, amount in 7:0.</summary>
    public const uint Lsl = 0, Lsr = 1, Asr = 2, Ror = 3, Rrx = 4;

    public static uint Times2(uint value) => value << 1;

    public static uint Times4(uint value) => value << 2;

    public static uint Times8(uint value) => value << 3;

    /// <summary>ThumbExpandImm (A5.3.2): i:imm3:imm8 to the 32-bit constant.</summary>
    public static uint ThumbExpandImm(uint imm12)
    {
        uint imm8 = imm12 & 0xFF;
        if ((imm12 & 0xC00) == 0)
        {
            return ((imm12 >> 8) & 3) switch
            {
                0 => imm8,
                1 => (imm8 << 16) | imm8,
                2 => (imm8 << 24) | (imm8 << 8),
                _ => (imm8 << 24) | (imm8 << 16) | (imm8 << 8) | imm8,
            };
        }

        uint unrotated = 0x80 | (imm12 & 0x7F);
        return uint.RotateRight(unrotated, (int)(imm12 >> 7));
    }

    /// <summary>The carry out of ThumbExpandImm_C: 0 = carry unchanged, 2 = clear, 3 = set.</summary>
    public static uint ExpandImmCarry(uint imm12) =>
        (imm12 & 0xC00) == 0 ? 0u : 2u | (ThumbExpandImm(imm12) >> 31);

    /// <summary>DecodeImmShift(type, imm5) from imm3:imm2:type, packed as type &lt;&lt; 8 | amount.</summary>
    public static uint DecodeImmShift(uint imm5AndType)
    {
        uint type = imm5AndType & 3;
        uint imm5 = imm5AndType >> 2;
        return type switch
        {
            Lsl => imm5,
            Lsr or Asr => (type << 8) | (imm5 == 0 ? 32 : imm5),
            _ => imm5 == 0 ? (Rrx << 8) | 1 : (Ror << 8) | imm5,
        };
    }

    /// <summary>SSAT/USAT shift from sh:imm3:imm2: LSL #imm5 or ASR #imm5.</summary>
    public static uint SatShift(uint shAndImm5) =>
        (shAndImm5 & 0x20) == 0 ? shAndImm5 & 0x1F : (Asr << 8) | (shAndImm5 & 0x1F);

    /// <summary>MOVW/MOVT immediate from i:imm4:imm3:imm8 to imm4:i:imm3:imm8.</summary>
    public static uint MovImm16(uint iImm4Imm3Imm8) =>
        (((iImm4Imm3Imm8 >> 11) & 0xF) << 12) | (((iImm4Imm3Imm8 >> 15) & 1) << 11) | (iImm4Imm3Imm8 & 0x7FF);

    /// <summary>PUSH register list: M:register_list to bit 14 (LR) plus r0-r7.</summary>
    public static uint PushList(uint mAndList) => ((mAndList >> 8) << 14) | (mAndList & 0xFF);

    /// <summary>POP register list: P:register_list to bit 15 (PC) plus r0-r7.</summary>
    public static uint PopList(uint pAndList) => ((pAndList >> 8) << 15) | (pAndList & 0xFF);

    /// <summary>B T1: SignExtend(imm8:'0').</summary>
    public static uint SignExtendTimes2x8(uint imm8) => (uint)((int)(imm8 << 24) >> 23);

    /// <summary>B T2: SignExtend(imm11:'0').</summary>
    public static uint SignExtendTimes2x11(uint imm11) => (uint)((int)(imm11 << 21) >> 20);

    /// <summary>B T3 from S:imm6:J1:J2:imm11 to SignExtend(S:J2:J1:imm6:imm11:'0').</summary>
    public static uint BranchT3Offset(uint bits)
    {
        uint s = (bits >> 19) & 1, imm6 = (bits >> 13) & 0x3F, j1 = (bits >> 12) & 1, j2 = (bits >> 11) & 1, imm11 = bits & 0x7FF;
        uint value = (s << 20) | (j2 << 19) | (j1 << 18) | (imm6 << 12) | (imm11 << 1);
        return (uint)((int)(value << 11) >> 11);
    }

    /// <summary>B T4 / BL from S:imm10:J1:J2:imm11; I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S).</summary>
    public static uint BranchT4Offset(uint bits)
    {
        uint s = (bits >> 23) & 1, imm10 = (bits >> 13) & 0x3FF, j1 = (bits >> 12) & 1, j2 = (bits >> 11) & 1, imm11 = bits & 0x7FF;
        uint i1 = ~(j1 ^ s) & 1, i2 = ~(j2 ^ s) & 1;
        uint value = (s << 24) | (i1 << 23) | (i2 << 22) | (imm10 << 12) | (imm11 << 1);
        return (uint)((int)(value << 7) >> 7);
    }

    /// <summary>Single-precision register number Vx:X from X:Vx (the pattern order of D/M and Vd/Vm).</summary>
    public static uint SReg(uint bitAndVx) => ((bitAndVx & 0xF) << 1) | (bitAndVx >> 4);

    /// <summary>Double-precision register number X:Vx, returned as the index of its low S register (2 * D).</summary>
    public static uint DReg(uint bitAndVx) => 2 * bitAndVx;

    /// <summary>VFPExpandImm for single precision: sign, NOT(b6):b6 x5:b5:b4 exponent, b3:b0 fraction top.</summary>
    public static uint VfpExpandImm(uint imm8)
    {
        uint b6 = (imm8 >> 6) & 1;
        uint exponent = ((b6 ^ 1) << 7) | (b6 != 0 ? 0x7Cu : 0) | ((imm8 >> 4) & 3);
        return ((imm8 >> 7) << 31) | (exponent << 23) | ((imm8 & 0xF) << 19);
    }

    /// <summary>VCVT fixed-point imm5 = imm4:i from i:imm4 (the pattern order).</summary>
    public static uint FixedImm5(uint iAndImm4) => ((iAndImm4 & 0xF) << 1) | (iAndImm4 >> 4);
}
