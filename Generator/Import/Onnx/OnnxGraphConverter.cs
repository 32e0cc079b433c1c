using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using OnnxProto = Onnx;

namespace MicroGen.Import.Onnx;

/// <summary>
/// Converts one ONNX graph into the IR, node by node in the graph's (topological) order. Values are tracked as
/// <see cref="OnnxValue"/>s: rank-4 feature maps live in NHWC IR tensors, constants are folded at import, and the
/// QDQ pattern DequantizeLinear → float node → QuantizeLinear becomes one quantized IR operator.
/// This file: the value table, graph inputs and outputs, node dispatch. The other parts hold the operators.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private static int[] ToNhwc => [0, 2, 3, 1];
    private static int[] ToNchw => [0, 3, 1, 2];

    private readonly string _source;
    private readonly OnnxProto.GraphProto _graph;
    private readonly OnnxOpsets _opsets;
    private readonly IrGraphDraft _draft = new();
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, bool Nhwc), int> _materialized = new();
    private readonly Dictionary<string, OnnxValue> _floatForms = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DataType> _inputStorage = new();
    private readonly Dictionary<string, ConvInputs> _convInputs = new(StringComparer.Ordinal);

    public OnnxGraphConverter(string source, OnnxProto.GraphProto graph, OnnxOpsets opsets)
    {
        _source = source;
        _graph = graph;
        _opsets = opsets;
    }

    public Graph Convert()
    {
        if (_graph.SparseInitializer.Count > 0)
        {
            throw new UnsupportedModelException($"{_source}: sparse initializers are not supported");
        }
        foreach (var initializer in _graph.Initializer)
        {
            var name = initializer.Name ?? "";
            var what = $"initializer '{OnnxText.OneLine(name, 80)}'";
            if (name.Length == 0)
            {
                throw new ModelFormatException($"{_source}: an initializer has no name");
            }
            if (_values.ContainsKey(name))
            {
                throw new ModelFormatException($"{_source}: {what} is defined twice");
            }
            _values[name] = OnnxValue.OfConstant(name, OnnxTensorDecoder.Decode(initializer, what, _source));
        }
        foreach (var input in _graph.Input)
        {
            if (!_values.ContainsKey(input.Name ?? ""))
            {
                AddGraphInput(input);
            }
        }
        for (var i = 0; i < _graph.Node.Count; i++)
        {
            var node = _graph.Node[i];
            var domain = node.Domain ?? "";
            var opset = domain == OnnxOpsets.MicrosoftDomain ? _opsets.Microsoft : _opsets.Default;
            ConvertNode(new OnnxNodeView(node, i, _source, opset));
        }
        if (_graph.Output.Count == 0)
        {
            throw new ModelFormatException($"{_source}: the graph has no output");
        }
        foreach (var output in _graph.Output)
        {
            _draft.AddOutput(GraphOutputTensor(output.Name ?? ""));
        }
        return _draft.Build(string.IsNullOrEmpty(_graph.Name) ? "onnx" : OnnxText.OneLine(_graph.Name, 80));
    }

    private void AddGraphInput(OnnxProto.ValueInfoProto input)
    {
        var name = input.Name ?? "";
        var what = $"graph input '{OnnxText.OneLine(name, 80)}'";
        if (name.Length == 0)
        {
            throw new ModelFormatException($"{_source}: a graph input has no name");
        }
        var tensorType = input.Type?.TensorType
            ?? throw new UnsupportedModelException($"{_source}: {what}: only tensor inputs are supported");
        var onnxType = OnnxTensorDecoder.ElementType(tensorType.ElemType, what, _source);
        var irType = onnxType switch
        {
            DataType.Float32 => DataType.Float32,
            DataType.Int8 or DataType.UInt8 => DataType.Int8,
            _ => throw new UnsupportedModelException($"{_source}: {what}: element type {onnxType.DisplayName()} is not supported for graph inputs (float32, int8, uint8)"),
        };
        var dims = tensorType.Shape?.Dim
            ?? throw new UnsupportedModelException($"{_source}: {what}: the input has no shape; MicroGen needs static shapes");
        var shape = new int[dims.Count];
        long count = 1;
        for (var d = 0; d < shape.Length; d++)
        {
            var dim = dims[d];
            if (dim.ValueCase == OnnxProto.TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && dim.DimValue > 0)
            {
                shape[d] = dim.DimValue > OnnxTensorDecoder.MaxElements
                    ? throw new UnsupportedModelException($"{_source}: {what}: dimension {d} is {dim.DimValue}")
                    : (int)dim.DimValue;
            }
            else if (d == 0 && shape.Length > 1)
            {
                shape[d] = 1; // a symbolic batch: MicroGen runs one sample at a time
            }
            else
            {
                var label = dim.ValueCase == OnnxProto.TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam
                    ? $"symbolic '{OnnxText.OneLine(dim.DimParam, 40)}'" : dim.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new UnsupportedModelException($"{_source}: {what}: dimension {d} is {label}; MicroGen needs static shapes (fix them with onnxruntime.tools.make_dynamic_shape_fixed)");
            }
            count *= shape[d];
            if (count > OnnxTensorDecoder.MaxElements)
            {
                throw new UnsupportedModelException($"{_source}: {what}: more than {OnnxTensorDecoder.MaxElements} elements");
            }
        }
        // Rank-4 inputs are NCHW feature maps held NHWC, unless the model transposes them itself (an NHWC input).
        var consumers = _graph.Node.Where(n => n.Input.Contains(name)).ToArray();
        var nhwc = shape.Length == 4 && !(consumers.Length > 0 && consumers.All(n => n.OpType == "Transpose" && (n.Domain ?? "") == ""));
        var tensor = _draft.AddTensor(name, irType, nhwc ? Permute(shape, ToNhwc) : shape);
        _inputStorage[tensor] = onnxType;
        _draft.AddInput(tensor);
        _values[name] = OnnxValue.OfTensor(name, tensor, shape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain);
    }

    private int GraphOutputTensor(string name)
    {
        var what = $"graph output '{OnnxText.OneLine(name, 80)}'";
        if (!_values.TryGetValue(name, out var value))
        {
            throw new ModelFormatException($"{_source}: {what} is not produced by any node, initializer or input");
        }
        switch (value.Form)
        {
            case ValueForm.Constant:
                throw new UnsupportedModelException($"{_source}: {what} is a constant; MicroGen needs outputs computed by operators");
            case ValueForm.Pending:
                value = FloatForm(value);
                break;
            case ValueForm.Dequantized when value.Source!.Form == ValueForm.Tensor:
                value = FloatForm(value);
                break;
            case ValueForm.Dequantized:
                throw new UnsupportedModelException($"{_source}: {what} is a constant; MicroGen needs outputs computed by operators");
        }
        // Outputs are given as the IR holds them: NHWC for NCHW feature maps, the ONNX layout for everything else
        // (a rank-4 output the model itself transposed to NHWC stays as the model wrote it). No operator is added.
        var tensor = Materialize(value, value.Layout == ValueLayout.Nhwc);
        if (_draft.Tensor(tensor).Type == DataType.Int8 && _draft.Tensor(tensor).Quantization is null)
        {
            throw new UnsupportedModelException($"{_source}: {what}: int8 output without quantization parameters");
        }
        return tensor;
    }

    private void ConvertNode(OnnxNodeView node)
    {
        foreach (var output in node.Outputs)
        {
            if (output.Length > 0 && _values.ContainsKey(output))
            {
                throw node.Malformed($"output '{OnnxText.OneLine(output, 80)}' is already defined by an earlier node, initializer or input");
            }
        }
        if (node.Domain == OnnxOpsets.MicrosoftDomain)
        {
            ConvertMicrosoftNode(node);
            return;
        }
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw node.Unsupported($"operator '{OnnxText.OneLine(node.OpType, 60)}' of domain '{OnnxText.OneLine(node.Domain, 60)}' is not supported");
        }
        switch (node.OpType)
        {
            case "Constant": ConvertConstant(node); break;
            case "Identity": case "Dropout": Alias(node); break;
            case "QuantizeLinear": ConvertQuantizeLinear(node); break;
            case "DequantizeLinear": ConvertDequantizeLinear(node); break;
            case "Conv": ConvertConv(node); break;
            case "QLinearConv": ConvertQLinearConv(node); break;
            case "ConvTranspose": ConvertConvTranspose(node); break;
            case "Gemm": ConvertGemm(node); break;
            case "MatMul": ConvertMatMul(node); break;
            case "QLinearMatMul": ConvertQLinearMatMul(node); break;
            case "AveragePool": case "MaxPool": ConvertPool(node); break;
            case "GlobalAveragePool": case "GlobalMaxPool": ConvertGlobalPool(node); break;
            case "ReduceMean": case "ReduceSum": ConvertReduce(node); break;
            case "BatchNormalization": ConvertBatchNormalization(node); break;
            case "Relu": case "Clip": case "Sigmoid": case "Tanh": case "LeakyRelu": case "HardSwish": case "Softmax":
                ConvertUnary(node);
                break;
            case "Add": case "Mul": case "Sub": case "Div": ConvertBinary(node); break;
            case "Concat": ConvertConcat(node); break;
            case "Pad": ConvertPad(node); break;
            case "Slice": ConvertSlice(node); break;
            case "Split": ConvertSplit(node); break;
            case "Max": case "Min": ConvertMaxMin(node); break;
            case "Reshape": case "Flatten": case "Squeeze": case "Unsqueeze": ConvertReshape(node); break;
            case "Transpose": ConvertTranspose(node); break;
            case "Shape": case "Gather": case "Cast": ConvertConstantOnly(node); break;
            default:
                throw node.Unsupported($"operator '{OnnxText.OneLine(node.OpType, 60)}' is not supported");
        }
    }

    private void ConvertMicrosoftNode(OnnxNodeView node)
    {
        switch (node.OpType)
        {
            case "QLinearAdd": case "QLinearMul": ConvertQLinearBinary(node); break;
            case "QLinearAveragePool": ConvertQLinearAveragePool(node); break;
            case "QLinearGlobalAveragePool": ConvertQLinearGlobalAveragePool(node); break;
            case "QGemm": ConvertQGemm(node); break;
            case "QLinearSoftmax": case "QLinearSigmoid": case "QLinearLeakyRelu": ConvertQLinearUnary(node); break;
            case "QLinearConcat": ConvertQLinearConcat(node); break;
            default:
                throw node.Unsupported($"operator '{OnnxText.OneLine(node.OpType, 60)}' of domain 'com.microsoft' is not supported");
        }
    }

    // ---- value table ----

    private OnnxValue Input(OnnxNodeView node, int i)
    {
        if (!node.HasInput(i))
        {
            throw node.Malformed($"input {i} is missing");
        }
        var name = node.Inputs[i];
        return _values.TryGetValue(name, out var value)
            ? value
            : throw node.Malformed($"reads '{OnnxText.OneLine(name, 80)}', which no earlier node, initializer or graph input defines (nodes must be in topological order)");
    }

    private OnnxValue? OptionalInput(OnnxNodeView node, int i) => node.HasInput(i) ? Input(node, i) : null;

    private void Define(OnnxNodeView node, OnnxValue value, int output = 0)
    {
        if (output >= node.Outputs.Count || node.Outputs[output].Length == 0)
        {
            throw node.Malformed($"output {output} is missing");
        }
        _values[node.Outputs[output]] = value with { Name = node.Outputs[output] };
    }

    private OnnxConstant RequireConstant(OnnxNodeView node, int i, string role)
    {
        var value = Input(node, i);
        return value.Form == ValueForm.Constant
            ? value.Constant!
            : throw node.Unsupported($"{role} '{OnnxText.OneLine(value.Name, 80)}' must be a constant (an initializer or Constant node)");
    }

    private void Alias(OnnxNodeView node)
    {
        node.RequireInputs(1, 3);
        Define(node, Input(node, 0));
    }

    private void ConvertConstant(OnnxNodeView node)
    {
        var what = $"{node.Description}: attribute 'value'";
        OnnxConstant constant;
        if (node.Tensor("value") is { } tensor)
        {
            constant = OnnxTensorDecoder.Decode(tensor, what, _source);
        }
        else if (node.HasAttribute("value_float"))
        {
            constant = new OnnxConstant(DataType.Float32, [], [node.Float("value_float", 0)]);
        }
        else if (node.Floats("value_floats") is { } floats)
        {
            constant = new OnnxConstant(DataType.Float32, [floats.Length], floats.Select(f => (double)f).ToArray());
        }
        else if (node.HasAttribute("value_int"))
        {
            constant = new OnnxConstant(DataType.Int64, [], [node.Int("value_int", 0)]);
        }
        else if (node.Ints("value_ints") is { } ints)
        {
            constant = new OnnxConstant(DataType.Int64, [ints.Length], ints.Select(v => (double)v).ToArray());
        }
        else
        {
            throw node.Unsupported("only tensor, float and int values are supported");
        }
        Define(node, OnnxValue.OfConstant("", constant));
    }

    // ---- tensors and layouts ----

    private DataType TypeOf(OnnxValue value) => value.Form switch
    {
        ValueForm.Tensor => _draft.Tensor(value.Tensor).Type,
        ValueForm.Constant => value.Constant!.Type,
        _ => DataType.Float32,
    };

    /// <summary>
    /// The IR tensor holding a Tensor-form value with exactly the ONNX shape (Plain), or the NHWC form of a rank-4
    /// value (<paramref name="nhwc"/>); adds the TRANSPOSE / RESHAPE operators that this needs, once per value.
    /// </summary>
    private int Materialize(OnnxValue value, bool nhwc)
    {
        if (value.Form != ValueForm.Tensor)
        {
            throw new InvalidOperationException($"value '{value.Name}' is {value.Form}, not a tensor");
        }
        nhwc &= value.Shape.Length == 4;
        if (value.Layout == ValueLayout.Nhwc && nhwc)
        {
            return value.Tensor;
        }
        if (value.Layout == ValueLayout.Plain && !nhwc && _draft.Tensor(value.Tensor).Shape.AsSpan().SequenceEqual(value.Shape))
        {
            return value.Tensor;
        }
        if (_materialized.TryGetValue((value.Name, nhwc), out var cached))
        {
            return cached;
        }
        if (value.Layout == ValueLayout.Plain && nhwc && KeepsMemoryOrder(value.Shape, ToNhwc))
        {
            // NCHW with C = 1 or H = W = 1: the NHWC tensor has the same bytes, at most a RESHAPE away.
            var target = Permute(value.Shape, ToNhwc);
            var direct = _draft.Tensor(value.Tensor).Shape.AsSpan().SequenceEqual(target)
                ? value.Tensor
                : EmitReshape(value.Tensor, target, value.Name + "_nhwc");
            _materialized[(value.Name, nhwc)] = direct;
            return direct;
        }
        int plain;
        switch (value.Layout)
        {
            case ValueLayout.Nhwc:
                plain = EmitRelayout(value.Tensor, ToNchw, value.Name + "_nchw");
                break;
            case ValueLayout.FlattenedNhwc:
                plain = EmitReshape(EmitRelayout(value.Tensor, ToNchw, value.Name + "_nchw"), value.Shape, value.Name + "_reshaped");
                break;
            default:
                plain = _draft.Tensor(value.Tensor).Shape.AsSpan().SequenceEqual(value.Shape)
                    ? value.Tensor
                    : EmitReshape(value.Tensor, value.Shape, value.Name + "_reshaped");
                break;
        }
        var result = nhwc ? EmitRelayout(plain, ToNhwc, value.Name + "_nhwc") : plain;
        _materialized[(value.Name, nhwc)] = result;
        return result;
    }

    /// <summary>
    /// A tensor permuted by <paramref name="perm"/>: a TRANSPOSE, or only a RESHAPE when the permutation keeps the
    /// order of the dimensions larger than 1 (the bytes do not move), or the tensor itself when even the shape stays.
    /// </summary>
    private int EmitRelayout(int input, int[] perm, string name)
    {
        var shape = _draft.Tensor(input).Shape;
        if (!KeepsMemoryOrder(shape, perm))
        {
            return EmitTranspose(input, perm, name);
        }
        var target = Permute(shape, perm);
        return target.SequenceEqual(shape) ? input : EmitReshape(input, target, name);
    }

    /// <summary>Whether permuting <paramref name="shape"/> by <paramref name="perm"/> keeps the dimensions larger than 1 in order.</summary>
    private static bool KeepsMemoryOrder(IReadOnlyList<int> shape, int[] perm)
    {
        var moved = perm.Where(p => shape[p] != 1).ToArray();
        return moved.SequenceEqual(moved.Order());
    }

    private int EmitTranspose(int input, int[] perm, string name)
    {
        var t = _draft.Tensor(input);
        var output = _draft.AddTensor(name, t.Type, Permute(t.Shape, perm), t.Quantization);
        var permTensor = _draft.AddConstant(name + "_perm", DataType.Int32, [perm.Length], perm);
        _draft.AddOperator(OpKind.Transpose, [input, permTensor], [output]);
        return output;
    }

    private int EmitReshape(int input, int[] shape, string name)
    {
        var t = _draft.Tensor(input);
        var output = _draft.AddTensor(name, t.Type, shape, t.Quantization);
        var shapeTensor = _draft.AddConstant(name + "_shape", DataType.Int32, [shape.Length], shape.ToArray());
        _draft.AddOperator(OpKind.Reshape, [input, shapeTensor], [output], new ReshapeOptions(shape));
        return output;
    }

    /// <summary>TFLite QUANTIZE from float32 to int8, or int8 to int8 with other parameters (requantization).</summary>
    private int EmitQuantize(int input, Quantization quantization, string name)
    {
        var t = _draft.Tensor(input);
        var output = _draft.AddTensor(name, DataType.Int8, t.Shape, quantization);
        _draft.AddOperator(OpKind.Quantize, [input], [output]);
        return output;
    }

    private int EmitDequantize(int input, string name)
    {
        var t = _draft.Tensor(input);
        var output = _draft.AddTensor(name, DataType.Float32, t.Shape);
        _draft.AddOperator(OpKind.Dequantize, [input], [output]);
        return output;
    }

    /// <summary>A constant as an IR tensor of the given type and (IR) shape.</summary>
    private int ConstantTensor(string name, DataType type, int[] shape, double[] values, Quantization? quantization = null) => type switch
    {
        DataType.Float32 => _draft.AddConstant(name, type, shape, values.Select(v => (float)v).ToArray(), quantization),
        DataType.Int8 => _draft.AddConstant(name, type, shape, values.Select(v => (sbyte)v).ToArray(), quantization),
        DataType.Int32 => _draft.AddConstant(name, type, shape, values.Select(v => (int)v).ToArray(), quantization),
        _ => throw new InvalidOperationException($"constant type {type}"),
    };

    public static int[] Permute(IReadOnlyList<int> shape, int[] perm) => perm.Select(p => shape[p]).ToArray();

    /// <summary>Values of a row-major tensor of <paramref name="shape"/> transposed by <paramref name="perm"/>.</summary>
    public static double[] Transpose(double[] values, int[] shape, int[] perm)
    {
        var rank = shape.Length;
        var outShape = Permute(shape, perm);
        var inStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            inStrides[d] = stride;
            stride *= shape[d];
        }
        var result = new double[values.Length];
        var index = new int[rank];
        for (var o = 0; o < result.Length; o++)
        {
            long source = 0;
            for (var d = 0; d < rank; d++)
            {
                source += index[d] * inStrides[perm[d]];
            }
            result[o] = values[source];
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return result;
    }
}
