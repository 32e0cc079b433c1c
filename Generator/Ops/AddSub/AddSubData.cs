using MicroGen.Ops.Common;
using MicroGen.Ir;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.AddSub;

/// <summary>
/// ADD or SUB after Prepare: the broadcast views of both inputs over the output, and either the quantized rescaling
/// (int8, int16) or the float clamp bounds. Tensor fields are graph tensor indices.
/// </summary>
public sealed record AddSubData(
    bool IsSubtraction, DataType Type,
    int Input1, int Input2, int Output,
    StridedView Input1View, StridedView Input2View,
    AddSubQuantization? Quantization,
    float FloatActivationMin, float FloatActivationMax) : IBroadcastBinaryData
{
    public IBroadcastBinaryData WithViews(StridedView input1, StridedView input2) => this with { Input1View = input1, Input2View = input2 };
}
