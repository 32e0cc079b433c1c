namespace MicroGen.Import.Onnx;

/// <summary>
/// One named ONNX value after import. <see cref="Shape"/> is always the ONNX (logical) shape; how it is held
/// depends on <see cref="Form"/>: an IR tensor through a layout, a constant, a dequantized source, or a pending
/// quantized operator.
/// </summary>
internal sealed record OnnxValue(string Name, ValueForm Form, int[] Shape)
{
    /// <summary>The IR tensor (Tensor form), or -1.</summary>
    public int Tensor { get; init; } = -1;

    public ValueLayout Layout { get; init; } = ValueLayout.Plain;

    public OnnxConstant? Constant { get; init; }

    /// <summary>Dequantized form: the quantized tensor or constant that DequantizeLinear reads.</summary>
    public OnnxValue? Source { get; init; }

    /// <summary>Dequantized form: the DequantizeLinear parameters.</summary>
    public QuantParams? Quant { get; init; }

    public PendingOp? Pending { get; init; }

    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    public static OnnxValue OfConstant(string name, OnnxConstant constant) =>
        new(name, ValueForm.Constant, constant.Shape) { Constant = constant };

    public static OnnxValue OfTensor(string name, int tensor, int[] shape, ValueLayout layout) =>
        new(name, ValueForm.Tensor, shape) { Tensor = tensor, Layout = layout };
}
