namespace MicroGen.Simulator.Core;

/// <summary>
/// The FPv4/FPv5 arithmetic pseudocode (FPAdd, FPMul, FPDiv, FPSqrt, FPMulAdd, FPProcessNaNs,
/// FPRound) over single-precision bit patterns. Operations are computed exactly or in double and
/// rounded once to single precision with the FPSCR rounding mode; for +, -, *, / and sqrt this is
/// correctly rounded (53 >= 2*24+2). The fused multiply-add rounds twice (to double, then to single),
/// which can differ from hardware in rare halfway cases.
/// </summary>
public sealed partial class Cpu
{
    private const double SmallestNormal = 1.1754943508222875e-38;

    private bool DefaultNaNMode => (Fpscr & (1u << 25)) != 0;

    private bool FlushToZero => (Fpscr & (1u << 24)) != 0;

    private int RoundingMode => (int)((Fpscr >> 22) & 3);

    private void RaiseFpFlag(uint flag) => Fpscr |= flag;

    private uint FlushInput(uint value)
    {
        if (FlushToZero && FloatBits.IsDenormal(value))
        {
            RaiseFpFlag(FloatBits.InputDenormal);
            return value & 0x8000_0000;
        }

        return value;
    }

    /// <summary>FPProcessNaNs: the first signalling NaN (quietened, IOC), else the first quiet NaN; DN gives the default NaN.</summary>
    private uint ProcessNaNs(uint a, uint b, uint? c = null)
    {
        uint result;
        if (FloatBits.IsSignalingNaN(a) || FloatBits.IsSignalingNaN(b) || (c is uint s && FloatBits.IsSignalingNaN(s)))
        {
            RaiseFpFlag(FloatBits.InvalidOperation);
            result = FloatBits.IsSignalingNaN(a) ? a : FloatBits.IsSignalingNaN(b) ? b : c!.Value;
        }
        else
        {
            result = FloatBits.IsNaN(a) ? a : FloatBits.IsNaN(b) ? b : c!.Value;
        }

        return DefaultNaNMode ? FloatBits.DefaultNaN : result | 0x0040_0000;
    }

    private uint InvalidResult()
    {
        RaiseFpFlag(FloatBits.InvalidOperation);
        return FloatBits.DefaultNaN;
    }

    private uint FpAdd(uint a, uint b)
    {
        a = FlushInput(a);
        b = FlushInput(b);
        if (FloatBits.IsNaN(a) || FloatBits.IsNaN(b))
        {
            return ProcessNaNs(a, b);
        }

        if (FloatBits.IsInfinity(a) && FloatBits.IsInfinity(b) && ((a ^ b) & 0x8000_0000) != 0)
        {
            return InvalidResult();
        }

        double x = FloatBits.ToSingle(a), y = FloatBits.ToSingle(b);
        double sum = x + y;
        double error = TwoSumError(x, y, sum);
        if (sum == 0 && error == 0)
        {
            // Exact zero: -0 only for (-0) + (-0), or in round-towards-minus-infinity mode.
            bool negative = ((a & b) >> 31) != 0 || (((a ^ b) >> 31) != 0 && RoundingMode == 2);
            return negative ? 0x8000_0000u : 0u;
        }

        return RoundToSingle(sum, error != 0 ? Math.Sign(error) : 0);
    }

    /// <summary>FPSub: a NaN operand propagates unchanged (not sign-flipped as FPAdd(a, FPNeg(b)) would).</summary>
    private uint FpSub(uint a, uint b)
    {
        uint flushedA = FlushInput(a), flushedB = FlushInput(b);
        return FloatBits.IsNaN(flushedA) || FloatBits.IsNaN(flushedB) ? ProcessNaNs(flushedA, flushedB) : FpAdd(flushedA, FpNeg(flushedB));
    }

    private uint FpMul(uint a, uint b)
    {
        a = FlushInput(a);
        b = FlushInput(b);
        if (FloatBits.IsNaN(a) || FloatBits.IsNaN(b))
        {
            return ProcessNaNs(a, b);
        }

        if ((FloatBits.IsInfinity(a) && FloatBits.IsZero(b)) || (FloatBits.IsZero(a) && FloatBits.IsInfinity(b)))
        {
            return InvalidResult();
        }

        double product = (double)FloatBits.ToSingle(a) * FloatBits.ToSingle(b);
        return product == 0 || double.IsInfinity(product) ? FloatBits.ToBits((float)product) : RoundToSingle(product, 0);
    }

    private uint FpDiv(uint a, uint b)
    {
        a = FlushInput(a);
        b = FlushInput(b);
        if (FloatBits.IsNaN(a) || FloatBits.IsNaN(b))
        {
            return ProcessNaNs(a, b);
        }

        if ((FloatBits.IsInfinity(a) && FloatBits.IsInfinity(b)) || (FloatBits.IsZero(a) && FloatBits.IsZero(b)))
        {
            return InvalidResult();
        }

        if (FloatBits.IsZero(b) && !FloatBits.IsInfinity(a))
        {
            RaiseFpFlag(FloatBits.DivideByZero);
        }

        double x = FloatBits.ToSingle(a), y = FloatBits.ToSingle(b);
        double quotient = x / y;
        if (quotient == 0 || double.IsInfinity(quotient))
        {
            return FloatBits.ToBits((float)quotient);
        }

        return RoundToSingle(quotient, Math.Sign(-Math.FusedMultiplyAdd(quotient, y, -x) * Math.Sign(y)));
    }

    private uint FpSqrt(uint a)
    {
        a = FlushInput(a);
        if (FloatBits.IsNaN(a))
        {
            return ProcessNaNs(a, a);
        }

        if (FloatBits.IsZero(a))
        {
            return a;
        }

        if ((a & 0x8000_0000) != 0)
        {
            return InvalidResult();
        }

        double x = FloatBits.ToSingle(a);
        double root = Math.Sqrt(x);
        return double.IsInfinity(root) ? a : RoundToSingle(root, Math.Sign(Math.FusedMultiplyAdd(-root, root, x)));
    }

    /// <summary>FPMulAdd: addend + op1 * op2 with one rounding (see the class remark).</summary>
    private uint FpMulAdd(uint addend, uint op1, uint op2)
    {
        addend = FlushInput(addend);
        op1 = FlushInput(op1);
        op2 = FlushInput(op2);
        bool infTimesZero = (FloatBits.IsInfinity(op1) && FloatBits.IsZero(op2)) || (FloatBits.IsZero(op1) && FloatBits.IsInfinity(op2));
        if (FloatBits.IsQuietNaN(addend) && infTimesZero)
        {
            return InvalidResult();
        }

        if (FloatBits.IsNaN(addend) || FloatBits.IsNaN(op1) || FloatBits.IsNaN(op2))
        {
            return ProcessNaNs(addend, op1, op2);
        }

        double product = (double)FloatBits.ToSingle(op1) * FloatBits.ToSingle(op2);
        double c = FloatBits.ToSingle(addend);
        if (infTimesZero || (double.IsInfinity(product) && double.IsInfinity(c) && Math.Sign(product) != Math.Sign(c)))
        {
            return InvalidResult();
        }

        double sum = product + c;
        double error = TwoSumError(product, c, sum);
        if (sum == 0 && error == 0)
        {
            bool negative = (product == 0 ? double.IsNegative(product) && double.IsNegative(c) : RoundingMode == 2);
            return negative ? 0x8000_0000u : 0u;
        }

        return RoundToSingle(sum, error != 0 ? Math.Sign(error) : 0);
    }

    /// <summary>The exact error of x + y rounded to <paramref name="sum"/> (Knuth's TwoSum); 0 for infinities.</summary>
    private static double TwoSumError(double x, double y, double sum)
    {
        if (double.IsInfinity(sum))
        {
            return 0;
        }

        double yVirtual = sum - x;
        double xVirtual = sum - yVirtual;
        return (x - xVirtual) + (y - yVirtual);
    }

    /// <summary>
    /// FPRound to single precision with the FPSCR mode. <paramref name="residue"/> is the sign of
    /// (exact - value) when <paramref name="value"/> is itself inexact, else 0. Sets OFC, UFC, IXC; FZ flushes tiny results.
    /// </summary>
    private uint RoundToSingle(double value, int residue)
    {
        if (Math.Abs(value) < SmallestNormal && FlushToZero)
        {
            RaiseFpFlag(FloatBits.Underflow);
            return double.IsNegative(value) ? 0x8000_0000u : 0u;
        }

        float rounded = RoundWithMode(value, residue, RoundingMode);
        bool inexact = (double)rounded != value || residue != 0;
        if (inexact)
        {
            RaiseFpFlag(FloatBits.Inexact);
            bool overflow = RoundingMode == 0 ? float.IsInfinity((float)value) : Math.Abs(value) > float.MaxValue;
            if (overflow)
            {
                RaiseFpFlag(FloatBits.Overflow);
            }
            else if (Math.Abs(value) < SmallestNormal)
            {
                RaiseFpFlag(FloatBits.Underflow);
            }
        }

        return FloatBits.ToBits(rounded);
    }

    /// <summary>
    /// Round to nearest when <paramref name="value"/> is an inexact double: if it sits exactly halfway
    /// between two singles, the exact result lies on the side of <paramref name="residue"/>.
    /// </summary>
    private static float BreakTie(double value, float nearest, int residue)
    {
        float below = (double)nearest > value ? MathF.BitDecrement(nearest) : nearest;
        float above = (double)nearest > value ? nearest : MathF.BitIncrement(nearest);
        if (float.IsInfinity(below) || float.IsInfinity(above) || (((double)below + above) / 2) != value)
        {
            return nearest;
        }

        return residue > 0 ? above : below;
    }

    private static float RoundWithMode(double value, int residue, int mode)
    {
        float nearest = (float)value;
        if (mode == 0)
        {
            return residue == 0 ? nearest : BreakTie(value, nearest, residue);
        }

        double direction = (double)nearest - value;
        if (direction == 0)
        {
            direction = -residue;
        }

        return mode switch
        {
            1 => direction < 0 ? MathF.BitIncrement(nearest) : nearest,
            2 => direction > 0 ? MathF.BitDecrement(nearest) : nearest,
            _ => value > 0 ? (direction > 0 ? MathF.BitDecrement(nearest) : nearest) : (direction < 0 ? MathF.BitIncrement(nearest) : nearest),
        };
    }
}
