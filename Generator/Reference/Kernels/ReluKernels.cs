using System.Numerics;
using MicroGen.Ops.Relu;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// RELU family reference kernels: TFLM's ReluQuantized and Relu6Quantized, TFLite's ReluX, and the float clamps
/// (ReluFloat, Relu6Float, Relu1), each written as the ternary comparisons TFLite uses so NaN passes through.
/// </summary>
public static class ReluKernels
{
    /// <summary>
    /// int8/int16. Clamp-only (RELU6): the input clamped to [min, max]. Otherwise: (input - input zero point) rescaled,
    /// plus the output zero point, clamped to [min, max].
    /// </summary>
    public static void ReluQuantized<T>(ReluData d, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (d.IsClampOnly)
        {
            var lower = T.CreateTruncating(d.ActivationMin);
            var upper = T.CreateTruncating(d.ActivationMax);
            for (var i = 0; i < input.Length; i++)
            {
                var value = input[i];
                output[i] = value > upper ? upper : value < lower ? lower : value;
            }
            return;
        }
        for (var i = 0; i < input.Length; i++)
        {
            var value = d.OutputZeroPoint + FixedPointMath.MultiplyByQuantizedMultiplier(
                int.CreateTruncating(input[i]) - d.InputZeroPoint, d.Multiplier, d.Shift);
            value = Math.Max(d.ActivationMin, value);
            value = Math.Min(d.ActivationMax, value);
            output[i] = T.CreateTruncating(value);
        }
    }

    /// <summary>float32: x &gt; max ? max : x &lt; min ? min : x (RELU has no upper bound).</summary>
    public static void ReluFloat(ReluData d, ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var value = input[i];
            output[i] = value > d.FloatMax ? d.FloatMax : value < d.FloatMin ? d.FloatMin : value;
        }
    }
}
