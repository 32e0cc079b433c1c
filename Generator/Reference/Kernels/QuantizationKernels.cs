using System.Numerics;
using MicroGen.Ops.Quantize;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// QUANTIZE and DEQUANTIZE reference kernels: TFLite's reference_ops::AffineQuantize, Requantize and Dequantize.
/// </summary>
public static class QuantizationKernels
{
    /// <summary>
    /// float32 -> int8/int16: round(x / scale) half away from zero in float, plus the zero point, clamped.
    /// The float -> int32 conversion saturates (NaN gives 0) as .NET and the Cortex-M VCVT instruction do; in C++ an
    /// out-of-range conversion is undefined (x86 hosts produce int32.MinValue). The zero point is added with int32
    /// wrap-around, as the C++ addition wraps on the targets.
    /// </summary>
    public static void AffineQuantize<TOut>(ReadOnlySpan<float> input, float scale, int zeroPoint, Span<TOut> output)
        where TOut : unmanaged, IBinaryInteger<TOut>, IMinMaxValue<TOut>
    {
        var min = int.CreateTruncating(TOut.MinValue);
        var max = int.CreateTruncating(TOut.MaxValue);
        for (var i = 0; i < input.Length; i++)
        {
            var rounded = MathF.Round(input[i] / scale, MidpointRounding.AwayFromZero);
            var unclamped = unchecked((int)rounded + zeroPoint);
            output[i] = TOut.CreateTruncating(Math.Min(Math.Max(unclamped, min), max));
        }
    }

    /// <summary>
    /// Integer requantization: (q - input_zero_point) rescaled by the double-rounding MultiplyByQuantizedMultiplier,
    /// plus the output zero point, clamped to the output type. TFLM's int8 &lt;-&gt; uint8 shortcut (XOR 0x80 when the scales
    /// are equal and the zero points differ by 128) gives the same bytes as this general path: with a multiplier of
    /// exactly 1 (2^30, shift 1) the rescaling is the identity.
    /// </summary>
    public static void Requantize<TIn, TOut>(QuantizeData d, ReadOnlySpan<TIn> input, Span<TOut> output)
        where TIn : unmanaged, IBinaryInteger<TIn>
        where TOut : unmanaged, IBinaryInteger<TOut>, IMinMaxValue<TOut>
    {
        var min = int.CreateTruncating(TOut.MinValue);
        var max = int.CreateTruncating(TOut.MaxValue);
        for (var i = 0; i < input.Length; i++)
        {
            var centered = unchecked(int.CreateTruncating(input[i]) - d.InputZeroPoint);
            var value = unchecked(FixedPointMath.MultiplyByQuantizedMultiplier(centered, d.Multiplier, d.Shift) + d.OutputZeroPoint);
            output[i] = TOut.CreateTruncating(Math.Min(Math.Max(value, min), max));
        }
    }

    /// <summary>Quantized -> float32: (float)(scale * (q - zero_point)), the product formed in double.</summary>
    public static void Dequantize<TIn>(ReadOnlySpan<TIn> input, double scale, int zeroPoint, Span<float> output)
        where TIn : unmanaged, IBinaryInteger<TIn>
    {
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = (float)(scale * (int.CreateTruncating(input[i]) - zeroPoint));
        }
    }
}
