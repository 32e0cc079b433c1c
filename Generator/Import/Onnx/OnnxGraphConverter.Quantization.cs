using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>QuantizeLinear, DequantizeLinear, quantization parameters and the float / quantized forms of values.</summary>
internal sealed partial class OnnxGraphConverter
{
    private static int NormalizeAxis(OnnxNodeView node, long axis, int rank, string what)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < rank ? (int)a : throw node.Malformed($"{what} {axis} is out of range for rank {rank}");
    }

    /// <summary>Scale and zero point inputs of a quantizing node, for a tensor of <paramref name="shape"/>.</summary>
    private QuantParams ReadQuantParams(OnnxNodeView node, int scaleIndex, int zeroIndex, int[] shape, long axis, DataType defaultStorage, string role)
    {
        var scale = RequireConstant(node, scaleIndex, role + " scale");
        if (scale.Type != DataType.Float32)
        {
            throw node.Unsupported($"{role} scale has type {scale.Type.DisplayName()}; float32 is supported");
        }
        if (scale.Shape.Length > 1 || scale.ElementCount == 0)
        {
            throw node.Unsupported($"{role} scale of shape {OnnxText.Shape(scale.Shape)}: only per-tensor and per-axis (1-D) scales are supported");
        }
        var scales = scale.Floats();
        foreach (var s in scales)
        {
            if (!(s > 0) || float.IsInfinity(s))
            {
                throw node.Unsupported($"{role} scale {s} must be positive and finite");
            }
        }
        long[] zeros;
        var storage = defaultStorage;
        if (node.HasInput(zeroIndex))
        {
            var zero = RequireConstant(node, zeroIndex, role + " zero point");
            storage = zero.Type;
            if (storage is not (DataType.Int8 or DataType.UInt8 or DataType.Int32))
            {
                throw node.Unsupported($"{role} zero point has type {storage.DisplayName()}; int8 and uint8 are supported");
            }
            if (zero.ElementCount != scales.Length)
            {
                throw node.Malformed($"{role} has {scales.Length} scales but {zero.ElementCount} zero points");
            }
            zeros = zero.Integers();
        }
        else
        {
            zeros = new long[scales.Length];
        }
        var a = 0;
        if (scales.Length > 1)
        {
            a = NormalizeAxis(node, axis, shape.Length, $"{role} axis");
            if (shape[a] != scales.Length)
            {
                throw node.Malformed($"{role} has {scales.Length} scales along axis {a}, but that dimension of {OnnxText.Shape(shape)} is {shape[a]}");
            }
        }
        return new QuantParams(scales, zeros, a, storage);
    }

    private static (long Min, long Max) StorageRange(DataType storage) => storage switch
    {
        DataType.UInt8 => (0, 255),
        DataType.Int8 => (-128, 127),
        _ => (int.MinValue, int.MaxValue),
    };

    /// <summary>The channel of element <paramref name="index"/> along <paramref name="axis"/> of a row-major shape.</summary>
    private static int ChannelOf(long index, int[] shape, int axis)
    {
        long inner = 1;
        for (var d = axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }
        return (int)(index / inner % shape[axis]);
    }

    /// <summary>ONNX QuantizeLinear on constants: round half to even of x / scale, plus the zero point, saturated.</summary>
    private static double[] QuantizeValues(double[] values, int[] shape, QuantParams q)
    {
        var (min, max) = StorageRange(q.Storage);
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = q.IsPerTensor ? 0 : ChannelOf(i, shape, q.Axis);
            var scaled = MathF.Round((float)values[i] / q.Scales[c], MidpointRounding.ToEven);
            result[i] = Math.Clamp((double)scaled + q.ZeroPoints[c], min, max);
        }
        return result;
    }

    /// <summary>ONNX DequantizeLinear on constants: (x - zero point) * scale in float32.</summary>
    private static double[] DequantizeValues(double[] values, int[] shape, QuantParams q)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = q.IsPerTensor ? 0 : ChannelOf(i, shape, q.Axis);
            result[i] = (float)(values[i] - q.ZeroPoints[c]) * q.Scales[c];
        }
        return result;
    }

    private void ConvertQuantizeLinear(OnnxNodeView node)
    {
        node.RequireInputs(2, 3);
        if (node.Int("block_size", 0) != 0)
        {
            throw node.Unsupported("blocked quantization (block_size) is not supported");
        }
        var x = Input(node, 0);
        var outputType = node.Int("output_dtype", 0);
        var storage = outputType switch
        {
            0 or 2 => DataType.UInt8,
            3 => DataType.Int8,
            _ => throw node.Unsupported($"output_dtype {OnnxTensorDecoder.TypeName((int)outputType)} is not supported (int8, uint8)"),
        };
        var q = ReadQuantParams(node, 1, 2, x.Shape, node.Int("axis", 1), storage, "output");
        if (q.Storage is not (DataType.Int8 or DataType.UInt8))
        {
            throw node.Unsupported($"quantizing to {q.Storage.DisplayName()} is not supported (int8, uint8)");
        }
        if (x.Form == ValueForm.Constant || (x.Form == ValueForm.Dequantized && x.Source!.Form == ValueForm.Constant))
        {
            var floats = FloatForm(node, x).Constant!;
            Define(node, OnnxValue.OfConstant("", new OnnxConstant(q.Storage, floats.Shape, QuantizeValues(floats.Values, floats.Shape, q))));
            return;
        }
        if (!q.IsPerTensor)
        {
            throw node.Unsupported("per-axis quantization of activations is not supported (only of constant weights)");
        }
        var irQ = q.ToIr();
        switch (x.Form)
        {
            case ValueForm.Pending when x.Pending!.Quantized:
                {
                    var p = x.Pending!;
                    var output = _draft.AddTensor(node.Outputs[0], DataType.Int8, p.Plan.IrShape, irQ);
                    p.Plan.EmitQuantized(output, p.Activation);
                    Define(node, OnnxValue.OfTensor("", output, x.Shape, p.Plan.Layout));
                    return;
                }
            case ValueForm.Pending:
                {
                    var f = FloatForm(x);
                    Define(node, f with { Tensor = EmitQuantize(f.Tensor, irQ, node.Outputs[0]) });
                    return;
                }
            case ValueForm.Dequantized:
                {
                    var source = x.Source!;
                    if (q.SameAs(_draft.Tensor(source.Tensor).Quantization))
                    {
                        Define(node, source);
                        return;
                    }
                    Define(node, source with { Tensor = EmitQuantize(source.Tensor, irQ, node.Outputs[0]) });
                    return;
                }
            default:
                if (TypeOf(x) != DataType.Float32)
                {
                    throw node.Unsupported($"input '{OnnxText.OneLine(x.Name, 80)}' is {TypeOf(x).DisplayName()}; QuantizeLinear reads float32");
                }
                Define(node, x with { Tensor = EmitQuantize(x.Tensor, irQ, node.Outputs[0]) });
                return;
        }
    }

    private void ConvertDequantizeLinear(OnnxNodeView node)
    {
        node.RequireInputs(2, 3);
        if (node.Int("block_size", 0) != 0)
        {
            throw node.Unsupported("blocked quantization (block_size) is not supported");
        }
        var x = Input(node, 0);
        var type = TypeOf(x);
        if (x.Form is not (ValueForm.Tensor or ValueForm.Constant))
        {
            throw node.Unsupported($"input '{OnnxText.OneLine(x.Name, 80)}' is not a quantized tensor");
        }
        if (x.Form == ValueForm.Constant)
        {
            if (type is not (DataType.Int8 or DataType.UInt8 or DataType.Int32))
            {
                throw node.Unsupported($"constant '{OnnxText.OneLine(x.Name, 80)}' has type {type.DisplayName()}; int8, uint8 and int32 are supported");
            }
            var cq = ReadQuantParams(node, 1, 2, x.Shape, node.Int("axis", 1), type, "input");
            if (cq.Storage != type)
            {
                throw node.Malformed($"zero point type {cq.Storage.DisplayName()} differs from the input type {type.DisplayName()}");
            }
            Define(node, new OnnxValue("", ValueForm.Dequantized, x.Shape) { Source = x, Quant = cq });
            return;
        }
        if (type != DataType.Int8)
        {
            throw node.Unsupported($"input '{OnnxText.OneLine(x.Name, 80)}' has type {type.DisplayName()}; int8 and uint8 tensors are supported");
        }
        var q = ReadQuantParams(node, 1, 2, x.Shape, node.Int("axis", 1), _inputStorage.GetValueOrDefault(x.Tensor, DataType.UInt8), "input");
        AssignQuantization(node, x, q);
        Define(node, new OnnxValue("", ValueForm.Dequantized, x.Shape) { Source = x, Quant = q });
    }

    /// <summary>Gives an int8 IR tensor its quantization (first reader), or checks that a later reader agrees.</summary>
    private void AssignQuantization(OnnxNodeView node, OnnxValue x, QuantParams q)
    {
        if (!q.IsPerTensor)
        {
            throw node.Unsupported("per-axis quantization of activations is not supported (only of constant weights)");
        }
        if (q.Storage is not (DataType.Int8 or DataType.UInt8))
        {
            throw node.Unsupported($"activation zero point type {q.Storage.DisplayName()} is not supported (int8, uint8)");
        }
        if (_inputStorage.TryGetValue(x.Tensor, out var declared) && declared != q.Storage)
        {
            throw node.Malformed($"zero point type {q.Storage.DisplayName()} differs from the type of '{OnnxText.OneLine(x.Name, 80)}' ({declared.DisplayName()})");
        }
        var tensor = _draft.Tensor(x.Tensor);
        if (tensor.Type != DataType.Int8)
        {
            throw node.Unsupported($"'{OnnxText.OneLine(x.Name, 80)}' is {tensor.Type.DisplayName()}, not a quantized tensor");
        }
        if (tensor.Quantization is null)
        {
            tensor.Quantization = q.ToIr();
        }
        else if (!q.SameAs(tensor.Quantization))
        {
            throw node.Unsupported(
                $"reads '{OnnxText.OneLine(x.Name, 80)}' with {q} but it was written with scale {tensor.Quantization.Scale:G6}, zero point {tensor.Quantization.ZeroPoint} (int8)");
        }
    }

    private static bool IsQuantizedActivation(OnnxValue v) => v.Form == ValueForm.Dequantized && v.Source!.Form == ValueForm.Tensor;

    /// <summary>
    /// The float form of a value: float tensors and constants as they are; dequantized constants computed at import;
    /// dequantized tensors through a DEQUANTIZE operator; pending quantized nodes computed in float.
    /// </summary>
    private OnnxValue FloatForm(OnnxNodeView node, OnnxValue v)
    {
        switch (v.Form)
        {
            case ValueForm.Constant:
                return v.Constant!.Type == DataType.Float32
                    ? v
                    : v with { Constant = v.Constant with { Type = DataType.Float32 } };
            case ValueForm.Tensor:
                return TypeOf(v) == DataType.Float32
                    ? v
                    : throw node.Unsupported($"reads the {TypeOf(v).DisplayName()} tensor '{OnnxText.OneLine(v.Name, 80)}' where float32 is expected (a DequantizeLinear is missing)");
            case ValueForm.Dequantized when v.Source!.Form == ValueForm.Constant:
                {
                    var c = v.Source.Constant!;
                    return OnnxValue.OfConstant(v.Name, new OnnxConstant(DataType.Float32, c.Shape, DequantizeValues(c.Values, c.Shape, v.Quant!)));
                }
            default:
                return FloatForm(v);
        }
    }

    private OnnxValue FloatForm(OnnxValue v)
    {
        if (_floatForms.TryGetValue(v.Name, out var cached))
        {
            return cached;
        }
        OnnxValue result;
        if (v.Form == ValueForm.Pending)
        {
            result = v.Pending!.Plan.EmitFloat(v.Pending.Activation);
        }
        else
        {
            var source = v.Source!;
            result = source with { Name = v.Name, Tensor = EmitDequantize(source.Tensor, v.Name + "_dequantized") };
        }
        _floatForms[v.Name] = result;
        return result;
    }

    /// <summary>
    /// Defines the output of a compute node as pending: quantized when every activation input is a dequantized int8
    /// tensor, float otherwise.
    /// </summary>
    private void DefineCompute(OnnxNodeView node, OnnxValue[] activations, ComputePlan plan)
    {
        var quantized = activations.Length > 0 && activations.All(IsQuantizedActivation);
        Define(node, new OnnxValue("", ValueForm.Pending, plan.Shape) { Pending = new PendingOp(plan, Activation.None, quantized) });
    }

    /// <summary>QOperator form: the plan emitted at once into an int8 tensor with the node's output quantization.</summary>
    private void DefineQuantized(OnnxNodeView node, ComputePlan plan, QuantParams output)
    {
        if (!output.IsPerTensor)
        {
            throw node.Unsupported("per-axis output quantization is not supported");
        }
        var tensor = _draft.AddTensor(node.Outputs[0], DataType.Int8, plan.IrShape, output.ToIr());
        plan.EmitQuantized(tensor, Activation.None);
        Define(node, OnnxValue.OfTensor("", tensor, plan.Shape, plan.Layout));
    }

    /// <summary>A QOperator input: the int8 tensor seen as DequantizeLinear would give it, with its quantization set.</summary>
    private OnnxValue QuantizedInput(OnnxNodeView node, int valueIndex, int scaleIndex, int zeroIndex)
    {
        var x = Input(node, valueIndex);
        if (x.Form == ValueForm.Constant)
        {
            var cq = ReadQuantParams(node, scaleIndex, zeroIndex, x.Shape, 0, x.Constant!.Type, $"input {valueIndex}");
            return new OnnxValue(x.Name, ValueForm.Dequantized, x.Shape) { Source = x, Quant = cq };
        }
        if (x.Form != ValueForm.Tensor || TypeOf(x) != DataType.Int8)
        {
            throw node.Unsupported($"input '{OnnxText.OneLine(x.Name, 80)}' is not an int8 or uint8 tensor");
        }
        var q = ReadQuantParams(node, scaleIndex, zeroIndex, x.Shape, 0, _inputStorage.GetValueOrDefault(x.Tensor, DataType.UInt8), $"input {valueIndex}");
        AssignQuantization(node, x, q);
        return new OnnxValue(x.Name, ValueForm.Dequantized, x.Shape) { Source = x, Quant = q };
    }

    /// <summary>The int8 IR tensor of a quantized activation operand, with its layout requirement met.</summary>
    private int QuantizedTensor(OnnxValue v, bool nhwc) => Materialize(v.Source!, nhwc);

    /// <summary>The float32 IR tensor of an activation operand, with its layout requirement met.</summary>
    private int FloatTensor(OnnxNodeView node, OnnxValue v, bool nhwc)
    {
        var f = FloatForm(node, v);
        if (f.Form != ValueForm.Tensor)
        {
            throw node.Unsupported($"input '{OnnxText.OneLine(v.Name, 80)}' is a constant where a computed tensor is expected");
        }
        return Materialize(f, nhwc);
    }
}
