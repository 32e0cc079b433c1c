using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>
/// A constant known at import time (initializer, Constant node, or folded): its ONNX element type, its logical
/// (ONNX) shape and its values. Every supported element type (float32, int8, uint8, int16, int32, int64, bool)
/// is held exactly in a double.
/// </summary>
internal sealed record OnnxConstant(DataType Type, int[] Shape, double[] Values)
{
    public int ElementCount => Values.Length;

    public float[] Floats() => Values.Select(v => (float)v).ToArray();

    public long[] Integers() => Values.Select(v => (long)v).ToArray();

    public bool IsScalarLike => Values.Length == 1;

    public OnnxConstant WithShape(int[] shape) => this with { Shape = shape };
}
