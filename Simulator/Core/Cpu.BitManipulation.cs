using System.Numerics;

namespace MicroGen.Simulator.Core;

/// <summary>A7.7 extend, reverse, bit-field, count-leading-zeros and pack instructions.</summary>
public sealed partial class Cpu
{
    // --- Extend (16-bit forms: no rotation) ---
    private void SxthT1(int d, int m) => R(d) = (uint)(short)R(m);

    private void SxtbT1(int d, int m) => R(d) = (uint)(sbyte)R(m);

    private void UxthT1(int d, int m) => R(d) = (ushort)R(m);

    private void UxtbT1(int d, int m) => R(d) = (byte)R(m);

    // --- Extend and extend-and-add (32-bit forms, rotation 0/8/16/24) ---
    private void SxthT2(int d, int m, uint rotation) => R(d) = (uint)(short)Rotated(m, rotation);

    private void SxtbT2(int d, int m, uint rotation) => R(d) = (uint)(sbyte)Rotated(m, rotation);

    private void UxthT2(int d, int m, uint rotation) => R(d) = (ushort)Rotated(m, rotation);

    private void UxtbT2(int d, int m, uint rotation) => R(d) = (byte)Rotated(m, rotation);

    private void SxtahT1(int d, int n, int m, uint rotation) => R(d) = R(n) + (uint)(short)Rotated(m, rotation);

    private void SxtabT1(int d, int n, int m, uint rotation) => R(d) = R(n) + (uint)(sbyte)Rotated(m, rotation);

    private void UxtahT1(int d, int n, int m, uint rotation) => R(d) = R(n) + (ushort)Rotated(m, rotation);

    private void UxtabT1(int d, int n, int m, uint rotation) => R(d) = R(n) + (byte)Rotated(m, rotation);

    private void Sxtb16T1(int d, int m, uint rotation) => R(d) = Extend16(0, Rotated(m, rotation), signed: true);

    private void Uxtb16T1(int d, int m, uint rotation) => R(d) = Extend16(0, Rotated(m, rotation), signed: false);

    private void Sxtab16T1(int d, int n, int m, uint rotation) => R(d) = Extend16(R(n), Rotated(m, rotation), signed: true);

    private void Uxtab16T1(int d, int n, int m, uint rotation) => R(d) = Extend16(R(n), Rotated(m, rotation), signed: false);

    private uint Rotated(int m, uint rotation) => uint.RotateRight(R(m), (int)rotation);

    /// <summary>Bytes 0 and 2 of <paramref name="value"/> extended to halfwords and added to the halfwords of <paramref name="addend"/>.</summary>
    private static uint Extend16(uint addend, uint value, bool signed)
    {
        uint low = signed ? (uint)(sbyte)value : value & 0xFF;
        uint high = signed ? (uint)(sbyte)(value >> 16) : (value >> 16) & 0xFF;
        return ((addend + low) & 0xFFFF) | (((addend >> 16) + high) << 16);
    }

    // --- Reverse ---
    private void RevT1(int d, int m) => R(d) = BinaryPrimitivesReverse(R(m));

    private void RevT2(int d, int m) => R(d) = BinaryPrimitivesReverse(R(m));

    private void Rev16T1(int d, int m) => R(d) = Reverse16(R(m));

    private void Rev16T2(int d, int m) => R(d) = Reverse16(R(m));

    private void RevshT1(int d, int m) => R(d) = RevSignedHalf(R(m));

    private void RevshT2(int d, int m) => R(d) = RevSignedHalf(R(m));

    private void RbitT1(int d, int m)
    {
        uint x = R(m);
        x = ((x >> 1) & 0x5555_5555) | ((x & 0x5555_5555) << 1);
        x = ((x >> 2) & 0x3333_3333) | ((x & 0x3333_3333) << 2);
        x = ((x >> 4) & 0x0F0F_0F0F) | ((x & 0x0F0F_0F0F) << 4);
        R(d) = BinaryPrimitivesReverse(x);
    }

    private void ClzT1(int d, int m) => R(d) = (uint)BitOperations.LeadingZeroCount(R(m));

    private static uint BinaryPrimitivesReverse(uint x) => global::System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(x);

    private static uint Reverse16(uint x) => ((x >> 8) & 0x00FF_00FF) | ((x & 0x00FF_00FF) << 8);

    private static uint RevSignedHalf(uint x) => (uint)(short)(((x & 0xFF) << 8) | ((x >> 8) & 0xFF));

    // --- Bit-field ---
    private void SbfxT1(int d, int n, uint lsb, uint widthminus1)
    {
        int width = (int)widthminus1 + 1;
        if (lsb + widthminus1 > 31)
        {
            return; // UNPREDICTABLE: leave Rd unchanged.
        }

        R(d) = (uint)((int)(R(n) << (32 - (int)lsb - width)) >> (32 - width));
    }

    private void UbfxT1(int d, int n, uint lsb, uint widthminus1)
    {
        if (lsb + widthminus1 > 31)
        {
            return; // UNPREDICTABLE: leave Rd unchanged.
        }

        R(d) = (R(n) >> (int)lsb) & (uint)((1UL << ((int)widthminus1 + 1)) - 1);
    }

    private void BfcT1(int d, uint lsb, uint msb) => BitFieldInsert(d, 0, lsb, msb);

    private void BfiT1(int d, int n, uint lsb, uint msb) => BitFieldInsert(d, R(n), lsb, msb);

    private void BitFieldInsert(int d, uint source, uint lsb, uint msb)
    {
        if (msb < lsb)
        {
            return; // UNPREDICTABLE: leave Rd unchanged.
        }

        uint mask = (uint)(((1UL << (int)(msb - lsb + 1)) - 1) << (int)lsb);
        R(d) = (R(d) & ~mask) | ((source << (int)lsb) & mask);
    }

    // --- Pack halfword (DSP) ---
    private void PkhT1(int d, int n, int m, bool tbform, uint imm5)
    {
        if (tbform)
        {
            uint operand = ShiftC(R(m), 2, imm5 == 0 ? 32 : (int)imm5, c, out _);
            R(d) = (R(n) & 0xFFFF_0000) | (operand & 0xFFFF);
        }
        else
        {
            uint operand = R(m) << (int)imm5;
            R(d) = (operand & 0xFFFF_0000) | (R(n) & 0xFFFF);
        }
    }
}
