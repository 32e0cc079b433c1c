using MicroGen.Reference.FixedPoint;

namespace MicroGen.Ops.Common;

/// <summary>
/// Prepare-time helpers of TFLite's quantization_util.cc and micro_utils.h used by the activation operators
/// (softmax, logistic, tanh, hard swish, relu): the same float/double arithmetic, in the same order.
/// </summary>
public static class ActivationScalingRules
{
    /// <summary>
    /// CheckedLog2: log2(x) rounded half away from zero, computed as logf(x) * (1 / logf(2)) in float; true when x is
    /// within 1e-3 (in log2 units) of that power of two. logf comes from the platform libm (a last-ulp difference from
    /// another libm cannot move a power-of-two scale across the 1e-3 tolerance).
    /// </summary>
    public static bool CheckedLog2(float x, out int log2Rounded)
    {
        var log2 = MathF.Log(x) * (1.0f / MathF.Log(2.0f));
        var rounded = MathF.Round(log2, MidpointRounding.AwayFromZero);
        log2Rounded = (int)rounded;
        return MathF.Abs(log2 - rounded) < 1e-3f;
    }

    /// <summary>
    /// CalculateInputRadius: the largest input magnitude (in input quantization steps) whose rescaled value still fits
    /// the fixed-point format, floor((2^integerBits - 1) * 2^(totalSignedBits - integerBits) / 2^leftShift).
    /// </summary>
    public static int CalculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits = 31)
    {
        var maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1) * (1L << (totalSignedBits - inputIntegerBits))
            / (1L << inputLeftShift);
        return (int)Math.Floor(maxInputRescaled);
    }

    /// <summary>
    /// The multiplier the int8 LOGISTIC and TANH kernels derive with a bare frexp: significand rounded half away from
    /// zero to 31 bits, exponent as the left shift, without QuantizeMultiplier's adjustments. For a float scale times
    /// a power of two the significand has at most 24 bits, so the rounding is exact and never reaches 2^31.
    /// </summary>
    public static QuantizedMultiplier FrExpMultiplier(double real)
    {
        var (significand, exponent) = QuantizedMultiplier.FrExp(real);
        var fixedPoint = Math.Round(significand * (1L << 31), MidpointRounding.AwayFromZero);
        return new QuantizedMultiplier((int)fixedPoint, exponent);
    }

    /// <summary>
    /// DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15; multipliers within 2^15 of int32.MaxValue
    /// saturate to int16.MaxValue.
    /// </summary>
    public static short DownScaleInt32ToInt16Multiplier(int multiplier)
    {
        const int roundingOffset = 1 << 15;
        if (multiplier >= int.MaxValue - roundingOffset)
        {
            return short.MaxValue;
        }
        return (short)((multiplier + roundingOffset) >> 16);
    }

    /// <summary>
    /// micro_utils FloatToQuantizedType: round(value / scale) + zero_point clamped to [min, max]. The quotient is a
    /// float; rounding it and adding the zero point are exact in double as in float for the clamped range.
    /// </summary>
    public static int FloatToQuantized(float value, float scale, int zeroPoint, int min, int max)
    {
        var rounded = Math.Round((double)(value / scale), MidpointRounding.AwayFromZero) + zeroPoint;
        var clamped = Math.Min(Math.Max(rounded, min), max);
        return (int)clamped;
    }
}
