using MicroGen.Ops.Conv2D;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// CONV_2D reference kernels: TFLM's reference_integer_ops::ConvPerChannel and reference_ops::Conv (float).
/// </summary>
public static class ConvolutionKernels
{
    /// <summary>
    /// int8 convolution with per-channel requantization. Accumulator bound: each term is
    /// [-127,127] x [-255,255] (input plus offset), so 2^16 terms fit in int32; integer addition wraps
    /// identically in C and C#, so the summation order below matches TFLM's result whatever the order.
    /// </summary>
    public static void ConvPerChannel(Conv2DData d, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter,
        ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        var w = d.Window;
        var groups = d.InputDepth / d.FilterInputDepth;
        var filtersPerGroup = d.OutputDepth / groups;
        var filterDepth = d.FilterInputDepth;
        var outIndex = 0;
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    for (var outChannel = 0; outChannel < d.OutputDepth; outChannel++)
                    {
                        var groupOffset = outChannel / filtersPerGroup * filterDepth;
                        var acc = 0;
                        for (var filterY = 0; filterY < w.FilterHeight; filterY++)
                        {
                            var inY = inYOrigin + w.DilationHeight * filterY;
                            if (inY < 0 || inY >= w.InputHeight)
                            {
                                continue;
                            }
                            for (var filterX = 0; filterX < w.FilterWidth; filterX++)
                            {
                                var inX = inXOrigin + w.DilationWidth * filterX;
                                if (inX < 0 || inX >= w.InputWidth)
                                {
                                    continue;
                                }
                                var inputRow = input.Slice(((batch * w.InputHeight + inY) * w.InputWidth + inX) * d.InputDepth + groupOffset, filterDepth);
                                var filterRow = filter.Slice(((outChannel * w.FilterHeight + filterY) * w.FilterWidth + filterX) * filterDepth, filterDepth);
                                acc += DotProduct.WithInputOffset(inputRow, filterRow, d.InputOffset);
                            }
                        }
                        if (!bias.IsEmpty)
                        {
                            acc += bias[outChannel];
                        }
                        acc = FixedPointMath.MultiplyByQuantizedMultiplier(acc, d.OutputMultiplier[outChannel], d.OutputShift[outChannel]);
                        acc += d.OutputOffset;
                        output[outIndex++] = (sbyte)Math.Min(Math.Max(acc, d.ActivationMin), d.ActivationMax);
                    }
                }
            }
        }
    }

    /// <summary>float32 convolution: products summed in float in TFLM's loop order, bias added last, then clamped.</summary>
    public static void ConvFloat(Conv2DData d, ReadOnlySpan<float> input, ReadOnlySpan<float> filter,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        var w = d.Window;
        var groups = d.InputDepth / d.FilterInputDepth;
        var filtersPerGroup = d.OutputDepth / groups;
        var filterDepth = d.FilterInputDepth;
        var outIndex = 0;
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    for (var outChannel = 0; outChannel < d.OutputDepth; outChannel++)
                    {
                        var groupOffset = outChannel / filtersPerGroup * filterDepth;
                        var total = 0f;
                        for (var filterY = 0; filterY < w.FilterHeight; filterY++)
                        {
                            var inY = inYOrigin + w.DilationHeight * filterY;
                            for (var filterX = 0; filterX < w.FilterWidth; filterX++)
                            {
                                var inX = inXOrigin + w.DilationWidth * filterX;
                                if (inX < 0 || inX >= w.InputWidth || inY < 0 || inY >= w.InputHeight)
                                {
                                    continue;
                                }
                                var inputBase = ((batch * w.InputHeight + inY) * w.InputWidth + inX) * d.InputDepth + groupOffset;
                                var filterBase = ((outChannel * w.FilterHeight + filterY) * w.FilterWidth + filterX) * filterDepth;
                                for (var inChannel = 0; inChannel < filterDepth; inChannel++)
                                {
                                    total += input[inputBase + inChannel] * filter[filterBase + inChannel];
                                }
                            }
                        }
                        var biasValue = bias.IsEmpty ? 0f : bias[outChannel];
                        output[outIndex++] = FloatActivation.Clamp(total + biasValue, d.FloatActivationMin, d.FloatActivationMax);
                    }
                }
            }
        }
    }
}
