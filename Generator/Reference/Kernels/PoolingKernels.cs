using System.Numerics;
using MicroGen.Ops.Pool2D;

namespace MicroGen.Reference.Kernels;

/// <summary>Pooling reference kernels: TFLM's reference_integer_ops AveragePool/MaxPool and the float ones.</summary>
public static class PoolingKernels
{
    /// <summary>
    /// Integer average: the sum of the window's in-image elements, divided by their count rounding half away from
    /// zero ((acc ± count/2) / count with C's truncating division), then clamped. Sums stay far inside int32.
    /// </summary>
    public static void AveragePool<T>(Pool2DData d, ReadOnlySpan<T> input, Span<T> output) where T : unmanaged, IBinaryInteger<T>
    {
        var w = d.Window;
        var outIndex = 0;
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                var yStart = Math.Max(0, -inYOrigin);
                var yEnd = Math.Min(w.FilterHeight, w.InputHeight - inYOrigin);
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    var xStart = Math.Max(0, -inXOrigin);
                    var xEnd = Math.Min(w.FilterWidth, w.InputWidth - inXOrigin);
                    var count = Math.Max(0, yEnd - yStart) * Math.Max(0, xEnd - xStart);
                    for (var channel = 0; channel < d.Depth; channel++)
                    {
                        var acc = 0;
                        for (var fy = yStart; fy < yEnd; fy++)
                        {
                            for (var fx = xStart; fx < xEnd; fx++)
                            {
                                acc += int.CreateTruncating(input[((batch * w.InputHeight + inYOrigin + fy) * w.InputWidth + inXOrigin + fx) * d.Depth + channel]);
                            }
                        }
                        acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                        output[outIndex++] = T.CreateTruncating(Math.Min(Math.Max(acc, d.ActivationMin), d.ActivationMax));
                    }
                }
            }
        }
    }

    public static void MaxPool<T>(Pool2DData d, ReadOnlySpan<T> input, Span<T> output) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var w = d.Window;
        var outIndex = 0;
        var min = T.CreateTruncating(d.ActivationMin);
        var max = T.CreateTruncating(d.ActivationMax);
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                var yStart = Math.Max(0, -inYOrigin);
                var yEnd = Math.Min(w.FilterHeight, w.InputHeight - inYOrigin);
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    var xStart = Math.Max(0, -inXOrigin);
                    var xEnd = Math.Min(w.FilterWidth, w.InputWidth - inXOrigin);
                    for (var channel = 0; channel < d.Depth; channel++)
                    {
                        var best = T.MinValue;
                        for (var fy = yStart; fy < yEnd; fy++)
                        {
                            for (var fx = xStart; fx < xEnd; fx++)
                            {
                                best = T.Max(best, input[((batch * w.InputHeight + inYOrigin + fy) * w.InputWidth + inXOrigin + fx) * d.Depth + channel]);
                            }
                        }
                        output[outIndex++] = T.Min(T.Max(best, min), max);
                    }
                }
            }
        }
    }

    /// <summary>float average: float sum in window order divided by the float count, clamped.</summary>
    public static void AveragePoolFloat(Pool2DData d, ReadOnlySpan<float> input, Span<float> output) =>
        PoolFloat(d, input, output, average: true);

    public static void MaxPoolFloat(Pool2DData d, ReadOnlySpan<float> input, Span<float> output) =>
        PoolFloat(d, input, output, average: false);

    private static void PoolFloat(Pool2DData d, ReadOnlySpan<float> input, Span<float> output, bool average)
    {
        var w = d.Window;
        var outIndex = 0;
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                var yStart = Math.Max(0, -inYOrigin);
                var yEnd = Math.Min(w.FilterHeight, w.InputHeight - inYOrigin);
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    var xStart = Math.Max(0, -inXOrigin);
                    var xEnd = Math.Min(w.FilterWidth, w.InputWidth - inXOrigin);
                    for (var channel = 0; channel < d.Depth; channel++)
                    {
                        var total = 0f;
                        var count = 0f;
                        var best = float.MinValue;
                        for (var fy = yStart; fy < yEnd; fy++)
                        {
                            for (var fx = xStart; fx < xEnd; fx++)
                            {
                                var value = input[((batch * w.InputHeight + inYOrigin + fy) * w.InputWidth + inXOrigin + fx) * d.Depth + channel];
                                total += value;
                                count++;
                                best = Math.Max(best, value);
                            }
                        }
                        var result = average ? total / count : best;
                        output[outIndex++] = FloatActivation.Clamp(result, d.FloatActivationMin, d.FloatActivationMax);
                    }
                }
            }
        }
    }
}
