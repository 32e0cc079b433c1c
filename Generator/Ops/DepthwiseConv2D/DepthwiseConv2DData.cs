using MicroGen.Ops.Common;

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
    bool IsFloat);
