using MicroGen.Ops.HardSwish;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>HARD_SWISH reference kernels: TFLite's reference_ops::HardSwish (float and quantized).</summary>
public static class HardSwishKernels
{
    /// <summary>
    /// int8: in 16-bit fixed point, x (scaled by 128) times a "reluish" factor in [0, 1] that is relu6(x + 3) / 6,
    /// rescaled to the output. All intermediates are int16 with TFLite's truncations and saturations.
    /// </summary>
    public static void HardSwishInt8(HardSwishData d, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var inputValue = unchecked((short)(input[i] - d.InputZeroPoint));
            // |input - zero point| <= 255, so the shift by 7 stays within int16.
            var inputOnHiresScale = unchecked((short)(inputValue * (1 << 7)));
            var inputOnPreshiftOutputScale = GemmlowpFunctions.SaturatingRoundingDoublingHighMul(inputOnHiresScale, d.OutputMultiplier);

            var reluish = inputOnHiresScale;
            if (d.ReluishExponent > 0)
            {
                reluish = SaturatingLeftShift(reluish, d.ReluishExponent - 1);
            }
            reluish = GemmlowpFunctions.SaturatingRoundingDoublingHighMul(reluish, d.ReluishMultiplier);
            if (d.ReluishExponent > 0)
            {
                reluish = SaturatingLeftShift(reluish, 1);
            }
            if (d.ReluishExponent < 0)
            {
                reluish = GemmlowpFunctions.RoundingDivideByPot(reluish, -d.ReluishExponent);
            }
            // From [-1, 1] (3.0 at 32768) to [0, 1].
            reluish = unchecked((short)((reluish + (1 << 15)) >> 1));

            var preshiftOutput = SaturatingDoublingHighMul(reluish, inputOnPreshiftOutputScale);
            var outputValue = GemmlowpFunctions.RoundingDivideByPot(preshiftOutput, -d.OutputExponent);
            outputValue = unchecked((short)(outputValue + d.OutputZeroPoint));
            output[i] = (sbyte)Math.Max(Math.Min(outputValue, (short)sbyte.MaxValue), (short)sbyte.MinValue);
        }
    }

    /// <summary>float32: x * min(6, max(0, x + 3)) / 6 in float, with std::min/std::max's comparison order.</summary>
    public static void HardSwishFloat(ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            var shifted = x + 3;
            var lowerBounded = 0f < shifted ? shifted : 0f;
            var bounded = lowerBounded < 6f ? lowerBounded : 6f;
            output[i] = x * bounded / 6;
        }
    }

    /// <summary>TFLite SaturatingLeftShift: value * 2^amount clamped to int16.</summary>
    private static short SaturatingLeftShift(short value, int amount)
    {
        var result = value * (1L << amount);
        return (short)Math.Max(Math.Min(result, short.MaxValue), short.MinValue);
    }

    /// <summary>TFLite SaturatingDoublingHighMul (SQDMULH): like the rounding variant but truncating toward zero.</summary>
    private static short SaturatingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }
        return unchecked((short)(a * b / (1 << 15)));
    }
}
