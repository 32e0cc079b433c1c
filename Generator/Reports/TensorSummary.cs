using MicroGen.Ir;

namespace MicroGen.Reports;

public sealed record TensorSummary(int Index, string Name, string Type, IReadOnlyList<int> Shape, bool Constant,
    IReadOnlyList<float>? Scales, IReadOnlyList<long>? ZeroPoints, int? QuantizedAxis)
{
    public static TensorSummary Of(Tensor t) => new(
        t.Index, t.Name, t.Type.DisplayName(), t.Shape.Items, t.IsConstant,
        t.Quantization?.Scales.Items, t.Quantization?.ZeroPoints.Items,
        t.Quantization is { IsPerChannel: true } q ? q.Axis : null);

    public string ShapeText => "[" + string.Join("x", Shape) + "]";

    public string QuantizationText => Scales is null ? "" : Scales.Count > 1
        ? $"per-channel axis {QuantizedAxis} ({Scales.Count} scales)"
        : $"s={Scales[0]:G6} zp={ZeroPoints![0]}";
}
