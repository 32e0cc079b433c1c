namespace MicroGen.Simulator.Core;

/// <summary>A6.4 floating-point conversions: integer, fixed-point, half precision, round to integral (FPv5 VRINT/VCVTx).</summary>
public sealed partial class Cpu
{
    private void VcvtToFloatT1(int d, int m, bool signed) =>
        S(d) = RoundToSingle(signed ? (int)S(m) : (double)S(m), 0);

    private void VcvtToIntT1(int d, int m, bool signed, bool towardZero) =>
        S(d) = FpToInteger(S(m), signed, towardZero ? 3 : RoundingMode, tiesAway: false, fractionBits: 0, bits: 32);

    private void VcvtDirectedT1(int d, int m, uint mode, bool signed) =>
        S(d) = FpToInteger(S(m), signed, DirectedMode(mode), tiesAway: mode == 0, fractionBits: 0, bits: 32);

    private void VcvtFixedT1(int d, bool toFixed, bool unsigned, bool size32, uint imm5)
    {
        int bits = size32 ? 32 : 16;
        int fractionBits = bits - (int)imm5;
        if (toFixed)
        {
            uint result = FpToInteger(S(d), !unsigned, 3, tiesAway: false, fractionBits, bits);
            S(d) = bits == 16 ? (unsigned ? result & 0xFFFF : (uint)(short)result) : result;
            return;
        }

        double integer = bits == 16 ? (unsigned ? (ushort)S(d) : (short)S(d)) : (unsigned ? S(d) : (int)S(d));
        S(d) = RoundToSingle(Math.ScaleB(integer, -fractionBits), 0);
    }

    private void VrintrT1(int d, int m) => S(d) = FpRoundIntegral(S(m), RoundingMode, tiesAway: false, signalInexact: false);

    private void VrintzT1(int d, int m) => S(d) = FpRoundIntegral(S(m), 3, tiesAway: false, signalInexact: false);

    private void VrintxT1(int d, int m) => S(d) = FpRoundIntegral(S(m), RoundingMode, tiesAway: false, signalInexact: true);

    private void VrintDirectedT1(int d, int m, uint mode) => S(d) = FpRoundIntegral(S(m), DirectedMode(mode), tiesAway: mode == 0, signalInexact: false);

    private void VcvtbtT1(int d, int m, bool toHalf, bool top)
    {
        if (toHalf)
        {
            uint half = SingleToHalf(FlushInput(S(m)));
            S(d) = top ? (S(d) & 0xFFFF) | (half << 16) : (S(d) & 0xFFFF_0000) | half;
            return;
        }

        ushort source = (ushort)(top ? S(m) >> 16 : S(m));
        S(d) = IsHalfSignalingNaN(source) ? ProcessNaNs(FloatBits.ToBits((float)BitConverter.UInt16BitsToHalf(source)) & ~0x0040_0000u, 0) : FloatBits.ToBits((float)BitConverter.UInt16BitsToHalf(source));
    }

    /// <summary>VRINTA/N/P/M and VCVTA/N/P/M: 0 ties away (nearest), 1 ties even, 2 +inf, 3 -inf, as FPSCR RMode values.</summary>
    private static int DirectedMode(uint mode) => mode switch
    {
        0 => 0,
        1 => 0,
        2 => 1,
        _ => 2,
    };

    private static double RoundInteger(double value, int mode, bool tiesAway) => mode switch
    {
        0 => Math.Round(value, tiesAway ? MidpointRounding.AwayFromZero : MidpointRounding.ToEven),
        1 => Math.Ceiling(value),
        2 => Math.Floor(value),
        _ => Math.Truncate(value),
    };

    /// <summary>FPToFixed: scale, round, saturate to a signed/unsigned <paramref name="bits"/>-bit integer (IOC on NaN or overflow).</summary>
    private uint FpToInteger(uint operand, bool signed, int mode, bool tiesAway, int fractionBits, int bits)
    {
        operand = FlushInput(operand);
        if (FloatBits.IsNaN(operand))
        {
            RaiseFpFlag(FloatBits.InvalidOperation);
            return 0;
        }

        double value = Math.ScaleB(FloatBits.ToSingle(operand), fractionBits);
        double rounded = RoundInteger(value, mode, tiesAway);
        double min = signed ? -Math.ScaleB(1, bits - 1) : 0;
        double max = signed ? Math.ScaleB(1, bits - 1) - 1 : Math.ScaleB(1, bits) - 1;
        if (rounded < min || rounded > max)
        {
            RaiseFpFlag(FloatBits.InvalidOperation);
            return signed ? (uint)(long)(rounded < min ? min : max) : (uint)(rounded < min ? min : max);
        }

        if (rounded != value)
        {
            RaiseFpFlag(FloatBits.Inexact);
        }

        return signed ? (uint)(long)rounded : (uint)rounded;
    }

    private uint FpRoundIntegral(uint operand, int mode, bool tiesAway, bool signalInexact)
    {
        operand = FlushInput(operand);
        if (FloatBits.IsNaN(operand))
        {
            return ProcessNaNs(operand, operand);
        }

        float value = FloatBits.ToSingle(operand);
        if (float.IsInfinity(value) || value == 0)
        {
            return operand;
        }

        double rounded = RoundInteger(value, mode, tiesAway);
        if (signalInexact && rounded != value)
        {
            RaiseFpFlag(FloatBits.Inexact);
        }

        uint bits = FloatBits.ToBits((float)rounded);
        return rounded == 0 ? (operand & 0x8000_0000) : bits;
    }

    private uint SingleToHalf(uint operand)
    {
        if (FloatBits.IsNaN(operand))
        {
            uint quiet = ProcessNaNs(operand, operand);
            return DefaultNaNMode ? 0x7E00u : ((quiet >> 16) & 0x8000) | 0x7E00 | ((quiet >> 13) & 0x1FF);
        }

        float value = FloatBits.ToSingle(operand);
        Half half = (Half)value;
        if ((float)half != value && !float.IsInfinity(value))
        {
            RaiseFpFlag(FloatBits.Inexact);
            if (Half.IsInfinity(half))
            {
                RaiseFpFlag(FloatBits.Overflow);
            }
            else if (Math.Abs(value) < 6.103515625e-05f)
            {
                RaiseFpFlag(FloatBits.Underflow);
            }
        }

        return BitConverter.HalfToUInt16Bits(half);
    }

    private static bool IsHalfSignalingNaN(ushort half) => (half & 0x7C00) == 0x7C00 && (half & 0x03FF) != 0 && (half & 0x0200) == 0;
}
