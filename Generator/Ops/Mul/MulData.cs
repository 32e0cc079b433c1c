using MicroGen.Ops.Common;
using MicroGen.Ir;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Mul;

/// <summary>
/// MUL after Prepare: broadcast views of both inputs, and for int8/int16 the offsets, the output multiplier
/// (TFLite QuantizeMultiplier of s1*s2/so, in double) and clamp bounds; for float32 the float clamp bounds.
/// </summary>
public sealed record MulData(
    DataType Type,
    int Input1, int Input2, int Output,
    StridedView Input1View, StridedView Input2View,
    int Input1Offset, int Input2Offset, int OutputOffset,
    int OutputMultiplier, int OutputShift,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax) : IBroadcastBinaryData
{
    public IBroadcastBinaryData WithViews(StridedView input1, StridedView input2) => this with { Input1View = input1, Input2View = input2 };
}
