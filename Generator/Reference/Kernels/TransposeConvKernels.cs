using MicroGen.Ops.TransposeConv;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>TRANSPOSE_CONV reference kernels: TFLM's scatter formulation (each input element adds into the outputs it touches).</summary>
public static class TransposeConvKernels
{
    /// <summary>int8: int32 scratch of the output's size accumulates (input + offset) * filter, then bias, requantize, clamp.</summary>
    public static void TransposeConvPerChannel(TransposeConvData d, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter,
        ReadOnlySpan<int> bias, Span<sbyte> output, Span<int> scratch)
    {
        scratch.Clear();
        var target = new Int8Target { Input = input, Filter = filter, Scratch = scratch, InputOffset = d.InputOffset };
        Scatter(d, ref target);
        for (var o = 0; o < scratch.Length; o++)
        {
            var channel = o % d.OutputDepth;
            var acc = scratch[o] + (bias.IsEmpty ? 0 : bias[channel]);
            acc = FixedPointMath.MultiplyByQuantizedMultiplier(acc, d.OutputMultiplier[channel], d.OutputShift[channel]);
            acc += d.OutputOffset;
            output[o] = (sbyte)Math.Min(Math.Max(acc, d.ActivationMin), d.ActivationMax);
        }
    }

    /// <summary>float32: products added into the zeroed output in TFLM's scatter order, then bias and clamp.</summary>
    public static void TransposeConvFloat(TransposeConvData d, ReadOnlySpan<float> input, ReadOnlySpan<float> filter,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        output.Clear();
        var target = new FloatTarget { Input = input, Filter = filter, Output = output };
        Scatter(d, ref target);
        for (var o = 0; o < output.Length; o++)
        {
            var acc = output[o];
            if (!bias.IsEmpty)
            {
                acc += bias[o % d.OutputDepth];
            }
            output[o] = FloatActivation.Clamp(acc, d.FloatActivationMin, d.FloatActivationMax);
        }
    }

    private interface IScatterTarget
    {
        void Accumulate(int inputIndex, int filterIndex, int outputIndex);
    }

    private ref struct Int8Target : IScatterTarget
    {
        public ReadOnlySpan<sbyte> Input;
        public ReadOnlySpan<sbyte> Filter;
        public Span<int> Scratch;
        public int InputOffset;

        public readonly void Accumulate(int inputIndex, int filterIndex, int outputIndex) =>
            Scratch[outputIndex] += (Input[inputIndex] + InputOffset) * Filter[filterIndex];
    }

    private ref struct FloatTarget : IScatterTarget
    {
        public ReadOnlySpan<float> Input;
        public ReadOnlySpan<float> Filter;
        public Span<float> Output;

        public readonly void Accumulate(int inputIndex, int filterIndex, int outputIndex) =>
            Output[outputIndex] += Input[inputIndex] * Filter[filterIndex];
    }

    /// <summary>Visits (input, filter, output) index triples in TFLM's order: batch, in_y, in_x, in_channel, filter_y, filter_x, out_channel.</summary>
    private static void Scatter<TTarget>(TransposeConvData d, ref TTarget target) where TTarget : IScatterTarget, allows ref struct
    {
        for (var batch = 0; batch < d.Batches; batch++)
        {
            for (var inY = 0; inY < d.InputHeight; inY++)
            {
                for (var inX = 0; inX < d.InputWidth; inX++)
                {
                    for (var inChannel = 0; inChannel < d.InputDepth; inChannel++)
                    {
                        var inputIndex = ((batch * d.InputHeight + inY) * d.InputWidth + inX) * d.InputDepth + inChannel;
                        var outXOrigin = inX * d.StrideWidth - d.PadLeft;
                        var outYOrigin = inY * d.StrideHeight - d.PadTop;
                        for (var filterY = 0; filterY < d.FilterHeight; filterY++)
                        {
                            var outY = outYOrigin + filterY;
                            for (var filterX = 0; filterX < d.FilterWidth; filterX++)
                            {
                                var outX = outXOrigin + filterX;
                                if (outX < 0 || outX >= d.OutputWidth || outY < 0 || outY >= d.OutputHeight)
                                {
                                    continue;
                                }
                                for (var outChannel = 0; outChannel < d.OutputDepth; outChannel++)
                                {
                                    target.Accumulate(inputIndex,
                                        ((outChannel * d.FilterHeight + filterY) * d.FilterWidth + filterX) * d.InputDepth + inChannel,
                                        ((batch * d.OutputHeight + outY) * d.OutputWidth + outX) * d.OutputDepth + outChannel);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
