using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>
/// A sliding window (Conv, pooling) mapped onto TFLite's padding: VALID or SAME when ONNX's explicit padding gives
/// the same windows, or VALID after an explicit PAD of <see cref="Pads"/> (top, left, bottom, right).
/// </summary>
internal sealed record WindowPlan(
    Padding Padding, int[]? Pads,
    int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW,
    int OutputH, int OutputW)
{
    public bool NeedsPad => Pads is not null;
}
