namespace MicroGen.Reference.FixedPoint;

/// <summary>
/// The integer rescaling primitives of TFLite Micro's reference kernels (gemmlowp's fixed-point
/// helpers and TFLite's double-rounding MultiplyByQuantizedMultiplier), bit for bit.
/// </summary>
public static class FixedPointMath
{
    /// <summary>
    /// High 32 bits of 2*a*b, i.e. a*b / 2^31 rounded to nearest with ties toward +infinity (the nudge is 2^30 for
    /// non-negative products and 1 - 2^30 for negative ones, then C's truncating division); saturates the one overflow case.
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == b && a == int.MinValue)
        {
            return int.MaxValue;
        }
        var ab = (long)a * b;
        var nudge = ab >= 0 ? 1L << 30 : 1L - (1L << 30);
        // C++ integer division truncates toward zero, as C#'s does.
        return (int)((ab + nudge) / (1L << 31));
    }

    /// <summary>x / 2^exponent rounded to nearest, ties away from zero (gemmlowp RoundingDivideByPOT).</summary>
    public static int RoundingDivideByPot(int x, int exponent)
    {
        var mask = (int)((1L << exponent) - 1);
        var remainder = x & mask;
        var threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>TFLite's double-rounding MultiplyByQuantizedMultiplier for int32 accumulators.</summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        var leftShift = shift > 0 ? shift : 0;
        var rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPot(SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier), rightShift);
    }

    /// <summary>TFLite's MultiplyByQuantizedMultiplier for int64 accumulators (16-bit activations): multiplier reduced to Q15.</summary>
    public static int MultiplyByQuantizedMultiplier(long x, int multiplier, int shift)
    {
        var reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
        var totalShift = 15 - shift;
        var result = unchecked(x * reduced + (1L << (totalShift - 1)));
        return (int)(result >> totalShift);
    }

    /// <summary>MultiplyByQuantizedMultiplierSmallerThanOneExp: a right shift given as a non-positive exponent.</summary>
    public static int MultiplyByQuantizedMultiplierSmallerThanOneExp(int x, int multiplier, int leftShift) =>
        RoundingDivideByPot(SaturatingRoundingDoublingHighMul(x, multiplier), -leftShift);

    /// <summary>MultiplyByQuantizedMultiplierGreaterThanOne: a non-negative left shift applied before the multiply.</summary>
    public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift) =>
        SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier);
}
