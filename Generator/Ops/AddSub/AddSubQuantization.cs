namespace MicroGen.Ops.AddSub;

/// <summary>
/// The general quantized ADD/SUB rescaling (TFLite's ArithmeticParams): both inputs are offset, shifted left by
/// <see cref="LeftShift"/> (20 for int8, 15 for int16), scaled to a common scale, combined, then rescaled to the output.
/// Shifts are TFLite exponents (non-positive: right shifts).
/// </summary>
public sealed record AddSubQuantization(
    int LeftShift,
    int Input1Offset, int Input1Multiplier, int Input1Shift,
    int Input2Offset, int Input2Multiplier, int Input2Shift,
    int OutputOffset, int OutputMultiplier, int OutputShift,
    int ActivationMin, int ActivationMax);
