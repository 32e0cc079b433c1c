using System.Numerics;
using MicroGen.Ops.LeakyRelu;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>LEAKY_RELU reference kernels: TFLite's reference_ops::QuantizeLeakyRelu and LeakyRelu (float).</summary>
public static class LeakyReluKernels
{
    /// <summary>
    /// int8/int16: input - zero point, rescaled by the identity multiplier when non-negative, by |alpha multiplier|
    /// (negated afterwards for a negative alpha) otherwise, plus the output zero point, clamped.
    /// </summary>
    public static void LeakyReluQuantized<T>(LeakyReluData d, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var min = int.CreateTruncating(T.MinValue);
        var max = int.CreateTruncating(T.MaxValue);
        var isAlphaNegative = d.AlphaMultiplier < 0;
        var alphaMagnitude = isAlphaNegative ? unchecked(-d.AlphaMultiplier) : d.AlphaMultiplier;
        for (var i = 0; i < input.Length; i++)
        {
            var centered = int.CreateTruncating(input[i]) - d.InputZeroPoint;
            var value = d.OutputZeroPoint;
            if (centered >= 0)
            {
                value += FixedPointMath.MultiplyByQuantizedMultiplier(centered, d.IdentityMultiplier, d.IdentityShift);
            }
            else
            {
                var scaled = FixedPointMath.MultiplyByQuantizedMultiplier(centered, alphaMagnitude, d.AlphaShift);
                value += isAlphaNegative ? -scaled : scaled;
            }
            output[i] = T.CreateTruncating(Math.Min(max, Math.Max(min, value)));
        }
    }

    /// <summary>float32: x when x &gt; 0, x * alpha otherwise (alpha may exceed 1 or be negative).</summary>
    public static void LeakyReluFloat(float alpha, ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var value = input[i];
            output[i] = value > 0 ? value : value * alpha;
        }
    }
}
