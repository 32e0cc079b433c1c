using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>An IR tensor being written by the ONNX importer; only its quantization may still be set, once.</summary>
internal sealed class TensorDraft
{
    public TensorDraft(string name, DataType type, int[] shape, Quantization? quantization, ConstantBuffer? data)
    {
        Name = name;
        Type = type;
        Shape = shape;
        Quantization = quantization;
        Data = data;
    }

    public string Name { get; }

    public DataType Type { get; }

    public int[] Shape { get; }

    public Quantization? Quantization { get; set; }

    public ConstantBuffer? Data { get; }
}
