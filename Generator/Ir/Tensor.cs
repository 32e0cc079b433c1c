namespace MicroGen.Ir;

/// <summary>
/// A tensor of the graph. Shape is NHWC for feature maps; constant tensors carry their data.
/// Variable tensors (LSTM state) persist across invocations and start at zero (or their zero point).
/// </summary>
public sealed record Tensor(
    int Index,
    string Name,
    DataType Type,
    EquatableArray<int> Shape,
    Quantization? Quantization,
    ConstantBuffer? Data,
    bool IsVariable)
{
    public bool IsConstant => Data is not null;

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in Shape)
            {
                count *= d;
            }
            return count;
        }
    }

    public long SizeInBytes => ElementCount * Type.SizeInBytes();

    public string ShapeText => "[" + string.Join("x", Shape) + "]";

    public string Describe() => $"{Type.DisplayName()} {ShapeText}" + (Quantization is null ? "" : $" ({Quantization})");
}
