using MicroGen.Ops.Common;

namespace MicroGen.Ops.Conv2D;

/// <summary>
/// CONV_2D after Prepare: geometry, offsets, per-output-channel multipliers and shifts, clamp bounds.
/// Tensor fields are graph tensor indices (Bias is -1 when absent).
/// </summary>
public sealed record Conv2DData(
    int Input, int Filter, int Bias, int Output,
    int Batches, int InputDepth, int OutputDepth, int FilterInputDepth,
    Window2D Window,
    int InputOffset, int OutputOffset,
    int[] OutputMultiplier, int[] OutputShift,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax,
    bool IsFloat);
