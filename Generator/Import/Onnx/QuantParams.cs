using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>
/// The parameters of a QuantizeLinear / DequantizeLinear / QLinear input as the model states them: scales, zero
/// points in the stored type (uint8 not yet shifted), the ONNX axis for per-axis parameters, and that stored type.
/// </summary>
internal sealed record QuantParams(float[] Scales, long[] ZeroPoints, int Axis, DataType Storage)
{
    public bool IsPerTensor => Scales.Length == 1;

    /// <summary>The zero points in the IR's storage type: uint8 shifted by -128 to int8.</summary>
    public long[] IrZeroPoints => Storage == DataType.UInt8 ? ZeroPoints.Select(z => z - 128).ToArray() : ZeroPoints;

    public Quantization ToIr(int irAxis = 0) => new(Scales, IrZeroPoints, IsPerTensor ? 0 : irAxis);

    public bool SameAs(Quantization? q) =>
        q is not null && IsPerTensor && !q.IsPerChannel && q.Scale == Scales[0] && q.ZeroPoint == IrZeroPoints[0];

    public override string ToString() => IsPerTensor
        ? $"scale {Scales[0]:G6}, zero point {ZeroPoints[0]} ({Storage.ToString().ToLowerInvariant()})"
        : $"{Scales.Length} scales along axis {Axis}";
}
