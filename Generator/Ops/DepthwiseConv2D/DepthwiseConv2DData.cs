using MicroGen.Ops.Common;
using MicroGen.Ops.Conv2D;

namespace MicroGen.Ops.DepthwiseConv2D;

/// <summary>DEPTHWISE_CONV_2D after Prepare. Output channel c reads input channel c / DepthMultiplier.</summary>
public sealed record DepthwiseConv2DData(
    int Input, int Filter, int Bias, int Output,
    int Batches, int InputDepth, int OutputDepth, int DepthMultiplier,
    Window2D Window,
    int InputOffset, int OutputOffset,
    int[] OutputMultiplier, int[] OutputShift,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax,
    bool IsFloat)
{
    /// <summary>
    /// Over one input channel a depthwise convolution is an ordinary one: every output channel (one per multiplier)
    /// reads the whole input. Its CONV_2D data (filter taps then read as [channel][tap], see
    /// <see cref="Fast.FastLowering.DepthwiseFilterAsConvolution"/>), or null for more than one input channel.
    /// </summary>
    public Conv2DData? AsConvolution() => InputDepth == 1
        ? new Conv2DData(Input, Filter, Bias, Output, Batches, 1, OutputDepth, 1, Window, InputOffset, OutputOffset,
            OutputMultiplier, OutputShift, ActivationMin, ActivationMax, FloatActivationMin, FloatActivationMax, IsFloat)
        : null;
}
