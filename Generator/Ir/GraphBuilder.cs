using System.Runtime.InteropServices;
using MicroGen.Ir.Options;

namespace MicroGen.Ir;

/// <summary>
/// Builds a graph tensor by tensor and operator by operator: for tests, for importers other than
/// TFLite, and for models MicroGen writes itself.
/// </summary>
public sealed class GraphBuilder
{
    private readonly List<Tensor> _tensors = [];
    private readonly List<Operator> _operators = [];
    private readonly List<int> _inputs = [];
    private readonly List<int> _outputs = [];

    public IReadOnlyList<Tensor> Tensors => _tensors;

    public int AddTensor(string name, DataType type, int[] shape, Quantization? quantization = null,
        ReadOnlySpan<byte> data = default, bool isVariable = false, bool isConstant = false)
    {
        var index = _tensors.Count;
        var constant = isConstant || !data.IsEmpty ? new ConstantBuffer(data) : null;
        _tensors.Add(new Tensor(index, name, type, shape, quantization, constant, isVariable));
        return index;
    }

    public int Input(string name, DataType type, int[] shape, Quantization? quantization = null)
    {
        var index = AddTensor(name, type, shape, quantization);
        _inputs.Add(index);
        return index;
    }

    public int Activation(string name, DataType type, int[] shape, Quantization? quantization = null) =>
        AddTensor(name, type, shape, quantization);

    public int Constant<T>(string name, DataType type, int[] shape, T[] values, Quantization? quantization = null)
        where T : unmanaged =>
        AddTensor(name, type, shape, quantization, MemoryMarshal.AsBytes(values.AsSpan()), isConstant: true);

    public int Variable(string name, DataType type, int[] shape, Quantization? quantization = null) =>
        AddTensor(name, type, shape, quantization, isVariable: true);

    public void MarkOutput(int tensor) => _outputs.Add(tensor);

    public Operator AddOperator(OpKind kind, int[] inputs, int[] outputs, OperatorOptions? options = null, int[]? intermediates = null)
    {
        var op = new Operator(_operators.Count, kind, inputs, outputs, options ?? NoOptions.Instance, intermediates ?? []);
        _operators.Add(op);
        return op;
    }

    public Graph Build(string name = "graph") => new(name, _tensors.ToArray(), _operators.ToArray(), _inputs.ToArray(), _outputs.ToArray());
}
