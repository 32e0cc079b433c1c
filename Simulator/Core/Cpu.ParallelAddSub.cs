namespace MicroGen.Simulator.Core;

/// <summary>A5.3.13/14 ARMv7E-M parallel addition and subtraction with GE flags.</summary>
public sealed partial class Cpu
{
    private void Sadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Signed, +1, +1, false);

    private void SasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Signed, -1, +1, true);

    private void SsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Signed, +1, -1, true);

    private void Ssub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Signed, -1, -1, false);

    private void Sadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.Signed, +1);

    private void Ssub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.Signed, -1);

    private void Qadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedSaturating, +1, +1, false);

    private void QasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedSaturating, -1, +1, true);

    private void QsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedSaturating, +1, -1, true);

    private void Qsub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedSaturating, -1, -1, false);

    private void Qadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.SignedSaturating, +1);

    private void Qsub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.SignedSaturating, -1);

    private void Shadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedHalving, +1, +1, false);

    private void ShasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedHalving, -1, +1, true);

    private void ShsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedHalving, +1, -1, true);

    private void Shsub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.SignedHalving, -1, -1, false);

    private void Shadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.SignedHalving, +1);

    private void Shsub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.SignedHalving, -1);

    private void Uadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Unsigned, +1, +1, false);

    private void UasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Unsigned, -1, +1, true);

    private void UsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Unsigned, +1, -1, true);

    private void Usub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.Unsigned, -1, -1, false);

    private void Uadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.Unsigned, +1);

    private void Usub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.Unsigned, -1);

    private void Uqadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedSaturating, +1, +1, false);

    private void UqasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedSaturating, -1, +1, true);

    private void UqsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedSaturating, +1, -1, true);

    private void Uqsub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedSaturating, -1, -1, false);

    private void Uqadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.UnsignedSaturating, +1);

    private void Uqsub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.UnsignedSaturating, -1);

    private void Uhadd16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedHalving, +1, +1, false);

    private void UhasxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedHalving, -1, +1, true);

    private void UhsaxT1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedHalving, +1, -1, true);

    private void Uhsub16T1(int d, int n, int m) => Parallel16(d, n, m, LaneMode.UnsignedHalving, -1, -1, false);

    private void Uhadd8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.UnsignedHalving, +1);

    private void Uhsub8T1(int d, int n, int m) => Parallel8(d, n, m, LaneMode.UnsignedHalving, -1);

    /// <summary>Two halfword lanes: low = n.lo op m.lo (or m.hi when crossed), high likewise; GE per lane for S/U.</summary>
    private void Parallel16(int d, int n, int m, LaneMode mode, int lowSign, int highSign, bool cross)
    {
        uint x = R(n);
        uint y = cross ? uint.RotateRight(R(m), 16) : R(m);
        uint low = Lane(x, y, 0, 16, mode, lowSign, out bool geLow);
        uint high = Lane(x, y, 16, 16, mode, highSign, out bool geHigh);
        R(d) = (low & 0xFFFF) | (high << 16);
        if (mode is LaneMode.Signed or LaneMode.Unsigned)
        {
            ge = (geLow ? 3u : 0) | (geHigh ? 0xCu : 0);
        }
    }

    /// <summary>Four byte lanes; GE bit i set from lane i for S/U.</summary>
    private void Parallel8(int d, int n, int m, LaneMode mode, int sign)
    {
        uint x = R(n);
        uint y = R(m);
        uint result = 0;
        uint flags = 0;
        for (int lane = 0; lane < 4; lane++)
        {
            uint value = Lane(x, y, 8 * lane, 8, mode, sign, out bool laneGe);
            result |= (value & 0xFF) << (8 * lane);
            flags |= laneGe ? 1u << lane : 0;
        }

        R(d) = result;
        if (mode is LaneMode.Signed or LaneMode.Unsigned)
        {
            ge = flags;
        }
    }

    private static uint Lane(uint x, uint y, int shift, int bits, LaneMode mode, int sign, out bool geFlag)
    {
        bool signed = mode is LaneMode.Signed or LaneMode.SignedSaturating or LaneMode.SignedHalving;
        int a = signed ? SignedField(x, shift, bits) : (int)((x >> shift) & ((1u << bits) - 1));
        int b = signed ? SignedField(y, shift, bits) : (int)((y >> shift) & ((1u << bits) - 1));
        int r = a + (sign * b);
        geFlag = mode == LaneMode.Unsigned && sign > 0 ? r >= 1 << bits : r >= 0;
        return mode switch
        {
            LaneMode.SignedSaturating => (uint)Math.Clamp(r, -(1 << (bits - 1)), (1 << (bits - 1)) - 1),
            LaneMode.UnsignedSaturating => (uint)Math.Clamp(r, 0, (1 << bits) - 1),
            LaneMode.SignedHalving or LaneMode.UnsignedHalving => (uint)(r >> 1),
            _ => (uint)r,
        };
    }

    private static int SignedField(uint value, int shift, int bits) => (int)(value << (32 - shift - bits)) >> (32 - bits);

    // --- Saturating arithmetic (QADD family) and SEL ---
    private void QaddT1(int d, int n, int m) => R(d) = SignedSaturate32((long)(int)R(m) + (int)R(n));

    private void QsubT1(int d, int n, int m) => R(d) = SignedSaturate32((long)(int)R(m) - (int)R(n));

    private void QdaddT1(int d, int n, int m) => R(d) = SignedSaturate32((long)(int)R(m) + (int)SignedSaturate32(2L * (int)R(n)));

    private void QdsubT1(int d, int n, int m) => R(d) = SignedSaturate32((long)(int)R(m) - (int)SignedSaturate32(2L * (int)R(n)));

    private uint SignedSaturate32(long value)
    {
        if (value > int.MaxValue || value < int.MinValue)
        {
            q = true;
            return value > 0 ? (uint)int.MaxValue : 0x8000_0000u;
        }

        return (uint)value;
    }

    private void SelT1(int d, int n, int m)
    {
        uint mask = ((ge & 1) != 0 ? 0xFFu : 0) | ((ge & 2) != 0 ? 0xFF00u : 0) | ((ge & 4) != 0 ? 0xFF_0000u : 0) | ((ge & 8) != 0 ? 0xFF00_0000u : 0);
        R(d) = (R(n) & mask) | (R(m) & ~mask);
    }

    // --- Saturate (SSAT/USAT: v7-M; the 16-bit-lane forms: DSP) ---
    private void SsatT1(int d, int n, uint saturateTo, uint shift) =>
        R(d) = (uint)SaturateSigned((int)Shift(R(n), shift, out _), (int)saturateTo + 1);

    private void UsatT1(int d, int n, uint saturateTo, uint shift) =>
        R(d) = (uint)SaturateUnsigned((int)Shift(R(n), shift, out _), (int)saturateTo);

    private void Ssat16T1(int d, int n, uint saturateTo)
    {
        uint low = (uint)SaturateSigned((short)R(n), (int)saturateTo + 1);
        uint high = (uint)SaturateSigned((short)(R(n) >> 16), (int)saturateTo + 1);
        R(d) = (low & 0xFFFF) | (high << 16);
    }

    private void Usat16T1(int d, int n, uint saturateTo)
    {
        uint low = (uint)SaturateUnsigned((short)R(n), (int)saturateTo);
        uint high = (uint)SaturateUnsigned((short)(R(n) >> 16), (int)saturateTo);
        R(d) = (low & 0xFFFF) | (high << 16);
    }

    /// <summary>SignedSatQ: clamp to <paramref name="bits"/> bits (1-32), setting Q when clamped.</summary>
    private int SaturateSigned(int value, int bits)
    {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        long clamped = Math.Clamp(value, min, max);
        q |= clamped != value;
        return (int)clamped;
    }

    /// <summary>UnsignedSatQ: clamp to 0..2^bits-1 (bits 0-31), setting Q when clamped.</summary>
    private int SaturateUnsigned(int value, int bits)
    {
        long clamped = Math.Clamp(value, 0L, (1L << bits) - 1);
        q |= clamped != value;
        return (int)clamped;
    }
}
