namespace MicroGen.Ops.FullyConnected;

/// <summary>
/// FULLY_CONNECTED after Prepare: Batches rows of AccumDepth inputs, OutputDepth units. Per-channel filters
/// carry one multiplier per unit; a per-tensor filter repeats its single multiplier (and may have a zero point).
/// </summary>
public sealed record FullyConnectedData(
    int Input, int Filter, int Bias, int Output,
    int Batches, int AccumDepth, int OutputDepth,
    int InputOffset, int FilterOffset, int OutputOffset,
    int[] OutputMultiplier, int[] OutputShift,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax,
    bool IsFloat);
