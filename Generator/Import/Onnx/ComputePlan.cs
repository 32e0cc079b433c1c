using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>
/// How one ONNX compute node becomes IR operators: its output's ONNX shape, IR shape and layout, and the two ways
/// to emit it: quantized (into a given int8 output tensor, with a fused activation) or float (with a fused activation).
/// </summary>
internal sealed record ComputePlan(
    int[] Shape,
    int[] IrShape,
    ValueLayout Layout,
    bool CanFuseActivation,
    Action<int, Activation> EmitQuantized,
    Func<Activation, OnnxValue> EmitFloat);
