using MicroGen.Ops.DepthwiseConv2D;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>DEPTHWISE_CONV_2D reference kernels: TFLM's reference_integer_ops::DepthwiseConvPerChannel and the float kernel.</summary>
public static class DepthwiseConvolutionKernels
{
    /// <summary>
    /// int8 depthwise convolution. Each term is [-127,127] x [-255,255]; a window of up to 2^16 taps fits int32.
    /// The loops run channel-innermost per tap so that the input and filter rows are read contiguously; integer
    /// sums are order-independent, so the result equals TFLM's.
    /// </summary>
    public static void DepthwiseConvPerChannel(DepthwiseConv2DData d, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter,
        ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        var w = d.Window;
        var depth = d.OutputDepth;
        Span<int> acc = depth <= 1024 ? stackalloc int[depth] : new int[depth];
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                var inYOrigin = outY * w.StrideHeight - w.PadTop;
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                    acc.Clear();
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
                            var inputRow = input.Slice(((batch * w.InputHeight + inY) * w.InputWidth + inX) * d.InputDepth, d.InputDepth);
                            var filterRow = filter.Slice((filterY * w.FilterWidth + filterX) * depth, depth);
                            for (var c = 0; c < depth; c++)
                            {
                                acc[c] += filterRow[c] * (inputRow[c / d.DepthMultiplier] + d.InputOffset);
                            }
                        }
                    }
                    var outputRow = output.Slice(((batch * w.OutputHeight + outY) * w.OutputWidth + outX) * depth, depth);
                    for (var c = 0; c < depth; c++)
                    {
                        var value = acc[c] + (bias.IsEmpty ? 0 : bias[c]);
                        value = FixedPointMath.MultiplyByQuantizedMultiplier(value, d.OutputMultiplier[c], d.OutputShift[c]);
                        value += d.OutputOffset;
                        outputRow[c] = (sbyte)Math.Min(Math.Max(value, d.ActivationMin), d.ActivationMax);
                    }
                }
            }
        }
    }

    /// <summary>float32 depthwise convolution in TFLM's loop order (taps outer to inner: y, x), bias last, clamped.</summary>
    public static void DepthwiseConvFloat(DepthwiseConv2DData d, ReadOnlySpan<float> input, ReadOnlySpan<float> filter,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        var w = d.Window;
        var depth = d.OutputDepth;
        var outIndex = 0;
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var outY = 0; outY < w.OutputHeight; outY++)
            {
                for (var outX = 0; outX < w.OutputWidth; outX++)
                {
                    for (var inChannel = 0; inChannel < d.InputDepth; inChannel++)
                    {
                        for (var m = 0; m < d.DepthMultiplier; m++)
                        {
                            var outChannel = m + inChannel * d.DepthMultiplier;
                            var inXOrigin = outX * w.StrideWidth - w.PadLeft;
                            var inYOrigin = outY * w.StrideHeight - w.PadTop;
                            var total = 0f;
                            for (var filterY = 0; filterY < w.FilterHeight; filterY++)
                            {
                                for (var filterX = 0; filterX < w.FilterWidth; filterX++)
                                {
                                    var inX = inXOrigin + w.DilationWidth * filterX;
                                    var inY = inYOrigin + w.DilationHeight * filterY;
                                    if (inX >= 0 && inX < w.InputWidth && inY >= 0 && inY < w.InputHeight)
                                    {
                                        total += input[((batch * w.InputHeight + inY) * w.InputWidth + inX) * d.InputDepth + inChannel]
                                            * filter[(filterY * w.FilterWidth + filterX) * depth + outChannel];
                                    }
                                }
                            }
                            var biasValue = bias.IsEmpty ? 0f : bias[outChannel];
                            output[outIndex + outChannel] = FloatActivation.Clamp(total + biasValue, d.FloatActivationMin, d.FloatActivationMax);
                        }
                    }
                    outIndex += depth;
                }
            }
        }
    }
}
