using System.Runtime.InteropServices;
using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// The IR graph while the ONNX importer writes it: tensors whose quantization may be learnt after they are created
/// (a graph input is quantized by the DequantizeLinear or QLinear node that reads it), operators, inputs, outputs.
/// </summary>
internal sealed class IrGraphDraft
{
    private readonly List<TensorDraft> _tensors = [];
    private readonly List<Operator> _operators = [];
    private readonly List<int> _inputs = [];
    private readonly List<int> _outputs = [];

    public TensorDraft Tensor(int index) => _tensors[index];

    public int AddTensor(string name, DataType type, int[] shape, Quantization? quantization = null)
    {
        _tensors.Add(new TensorDraft(name, type, shape, quantization, null));
        return _tensors.Count - 1;
    }

    public int AddConstant<T>(string name, DataType type, int[] shape, T[] values, Quantization? quantization = null) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        _tensors.Add(new TensorDraft(name, type, shape, quantization, new ConstantBuffer(bytes)));
        return _tensors.Count - 1;
    }

    public void AddInput(int tensor) => _inputs.Add(tensor);

    public void AddOutput(int tensor) => _outputs.Add(tensor);

    public bool IsOutput(int tensor) => _outputs.Contains(tensor);

    public void AddOperator(OpKind kind, int[] inputs, int[] outputs, OperatorOptions? options = null) =>
        _operators.Add(new Operator(_operators.Count, kind, inputs, outputs, options ?? NoOptions.Instance, EquatableArray<int>.Empty));

    public Graph Build(string name) => new(
        name,
        _tensors.Select((t, i) => new Tensor(i, t.Name, t.Type, t.Shape, t.Quantization, t.Data, false)).ToArray(),
        _operators.ToArray(),
        _inputs.ToArray(),
        _outputs.ToArray());
}
