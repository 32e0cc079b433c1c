namespace MicroGen.Ops.TransposeConv;

/// <summary>TRANSPOSE_CONV after Prepare: shapes, the padding TFLM derives from the output size, per-channel requantization.</summary>
public sealed record TransposeConvData(
    int Input, int Filter, int Bias, int Output,
    int Batches, int InputHeight, int InputWidth, int InputDepth,
    int FilterHeight, int FilterWidth,
    int OutputHeight, int OutputWidth, int OutputDepth,
    int StrideHeight, int StrideWidth, int PadTop, int PadLeft,
    int InputOffset, int OutputOffset,
    int[] OutputMultiplier, int[] OutputShift,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax,
    bool IsFloat);
