using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// Activations (Relu, Clip folded into the operator before them when possible; Sigmoid, Tanh, LeakyRelu, HardSwish,
/// Softmax) and broadcasting Add / Sub / Mul, in float, QDQ and QLinear forms.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertUnary(OnnxNodeView node)
    {
        node.RequireInputs(1, 3);
        var x = Input(node, 0);
        if (node.OpType is "Relu" or "Clip")
        {
            var activation = ClipActivation(node);
            if (activation == Activation.None)
            {
                Define(node, x);
                return;
            }
            if (x.Form == ValueForm.Pending && x.Pending!.Plan.CanFuseActivation && x.Pending.Activation == Activation.None)
            {
                Define(node, x with { Pending = x.Pending with { Activation = activation } });
                return;
            }
        }
        DefineCompute(node, [x], UnaryPlan(node, x));
    }

    private void ConvertQLinearUnary(OnnxNodeView node)
    {
        node.RequireInputs(4, 5);
        var x = QuantizedInput(node, 0, 1, 2);
        DefineQuantized(node, UnaryPlan(node, x), ReadQuantParams(node, 3, 4, [], 0, DataType.UInt8, "output"));
    }

    /// <summary>Relu, or Clip with constant bounds, as the TFLite activation with the same range.</summary>
    private Activation ClipActivation(OnnxNodeView node)
    {
        if (node.OpType == "Relu")
        {
            return Activation.Relu;
        }
        float Bound(int i, float fallback)
        {
            if (!node.HasInput(i))
            {
                return fallback;
            }
            var v = FloatForm(node, Input(node, i));
            return v.Form == ValueForm.Constant && v.Constant!.IsScalarLike
                ? (float)v.Constant.Values[0]
                : throw node.Unsupported("Clip bounds must be constant scalars");
        }
        var min = Bound(1, float.NegativeInfinity);
        var max = Bound(2, float.PositiveInfinity);
        return (min, max) switch
        {
            (float.NegativeInfinity, float.PositiveInfinity) => Activation.None,
            (0f, float.PositiveInfinity) => Activation.Relu,
            (0f, 6f) => Activation.Relu6,
            (-1f, 1f) => Activation.ReluN1To1,
            _ => throw node.Unsupported($"Clip to [{min}, {max}] is not supported (TFLite activations: [0, inf), [0, 6], [-1, 1])"),
        };
    }

    private ComputePlan UnaryPlan(OnnxNodeView node, OnnxValue x)
    {
        var opType = node.OpType.StartsWith("QLinear", StringComparison.Ordinal) ? node.OpType["QLinear".Length..] : node.OpType;
        var (kind, options) = opType switch
        {
            "Relu" or "Clip" => ClipActivation(node) switch
            {
                Activation.Relu6 => (OpKind.Relu6, (OperatorOptions)NoOptions.Instance),
                Activation.ReluN1To1 => (OpKind.ReluN1To1, NoOptions.Instance),
                _ => (OpKind.Relu, NoOptions.Instance),
            },
            "Sigmoid" => (OpKind.Logistic, NoOptions.Instance),
            "Tanh" => (OpKind.Tanh, NoOptions.Instance),
            "HardSwish" => (OpKind.HardSwish, NoOptions.Instance),
            "LeakyRelu" => (OpKind.LeakyRelu, new LeakyReluOptions(node.Float("alpha", 0.01f))),
            _ => (OpKind.Softmax, new SoftmaxOptions(1f)),
        };
        if (x.Form == ValueForm.Constant)
        {
            throw node.Unsupported("an activation of a constant is not supported");
        }
        var tensorValue = x.Form == ValueForm.Dequantized ? x.Source! : null;
        var layout = LayoutOf(x);
        var nhwc = false;
        var softmax = kind == OpKind.Softmax;
        if (softmax)
        {
            var axis = NormalizeAxis(node, node.Int("axis", -1), x.Shape.Length, "axis");
            nhwc = x.Shape.Length == 4 && axis == 1;
            if (axis != x.Shape.Length - 1 && !nhwc)
            {
                throw node.Unsupported($"Softmax along axis {axis} of {OnnxText.Shape(x.Shape)} is not supported (the last axis, or the channels of NCHW)");
            }
            layout = nhwc ? ValueLayout.Nhwc : ValueLayout.Plain;
        }
        var name = node.Outputs[0];

        // Elementwise operators keep whatever layout and IR shape their input has; Softmax needs its axis last.
        int Operand(OnnxValue tensor) => softmax ? Materialize(tensor, nhwc) : tensor.Tensor;

        void EmitQuantized(int output, Activation activation) =>
            _draft.AddOperator(kind, [Operand(x.Source!)], [output], options);

        OnnxValue EmitFloat(Activation activation)
        {
            var f = FloatForm(node, x);
            var input = Operand(f);
            var output = _draft.AddTensor(name, DataType.Float32, _draft.Tensor(input).Shape);
            _draft.AddOperator(kind, [input], [output], options);
            return OnnxValue.OfTensor(name, output, x.Shape, softmax ? layout : f.Layout);
        }

        var irShape = tensorValue is null || softmax
            ? (layout == ValueLayout.Nhwc ? Permute(x.Shape, ToNhwc) : x.Shape)
            : _draft.Tensor(tensorValue.Tensor).Shape;
        return new ComputePlan(x.Shape, irShape, layout, false, EmitQuantized, EmitFloat);
    }

    private void ConvertBinary(OnnxNodeView node)
    {
        node.RequireInputs(2, 2);
        var a = Input(node, 0);
        var b = Input(node, 1);
        if (IsConstantLike(a) && IsConstantLike(b))
        {
            Define(node, OnnxValue.OfConstant("", FoldBinary(node, FloatOrIntConstant(node, a), FloatOrIntConstant(node, b))));
            return;
        }
        var kind = node.OpType switch { "Add" => OpKind.Add, "Sub" => OpKind.Sub, _ => OpKind.Mul };
        if (node.OpType == "Div")
        {
            // x / c as x * (1 / c), the reciprocal rounded to float32: within float rounding of ONNX's division.
            if (!IsConstantLike(b) || b.Form != ValueForm.Constant || b.Constant!.Type != DataType.Float32)
            {
                throw node.Unsupported("Div is supported by a float constant only");
            }
            b = b with { Constant = b.Constant with { Values = b.Constant.Values.Select(v => (double)(1f / (float)v)).ToArray() } };
        }
        var activations = new[] { a, b }.Where(v => !IsConstantLike(v)).ToArray();
        DefineCompute(node, activations, BinaryPlan(node, a, b, kind));
    }

    private void ConvertQLinearBinary(OnnxNodeView node)
    {
        node.RequireInputs(7, 8);
        var a = QuantizedInput(node, 0, 1, 2);
        var b = QuantizedInput(node, 3, 4, 5);
        DefineQuantized(node, BinaryPlan(node, a, b, node.OpType == "QLinearAdd" ? OpKind.Add : OpKind.Mul),
            ReadQuantParams(node, 6, 7, [], 0, DataType.UInt8, "output"));
    }

    /// <summary>How a computed value is (or will be) held: its tensor's layout, its source's, or its pending operator's.</summary>
    private static ValueLayout LayoutOf(OnnxValue v) => v.Form switch
    {
        ValueForm.Tensor => v.Layout,
        ValueForm.Dequantized => v.Source!.Layout,
        ValueForm.Pending => v.Pending!.Plan.Layout,
        _ => ValueLayout.Plain,
    };

    private static bool IsConstantLike(OnnxValue v) =>
        v.Form == ValueForm.Constant || (v.Form == ValueForm.Dequantized && v.Source!.Form == ValueForm.Constant);

    private OnnxConstant FloatOrIntConstant(OnnxNodeView node, OnnxValue v) =>
        v.Form == ValueForm.Constant ? v.Constant! : FloatForm(node, v).Constant!;

    private ComputePlan BinaryPlan(OnnxNodeView node, OnnxValue a, OnnxValue b, OpKind kind)
    {
        var opType = node.OpType;
        var shape = BroadcastShape(node, a.Shape, b.Shape);
        var nhwc = shape.Length == 4 && new[] { a, b }.Any(v => LayoutOf(v) == ValueLayout.Nhwc && v.Shape.Length == 4);
        var irShape = nhwc ? Permute(shape, ToNhwc) : shape;
        var name = node.Outputs[0];

        int Operand(OnnxValue v, bool quantized, int index)
        {
            if (IsConstantLike(v))
            {
                double[] values;
                DataType type;
                Quantization? q = null;
                if (quantized)
                {
                    if (v.Form != ValueForm.Dequantized || !v.Quant!.IsPerTensor || v.Source!.Constant!.Type is not (DataType.Int8 or DataType.UInt8))
                    {
                        throw node.Unsupported($"constant '{OnnxText.OneLine(v.Name, 80)}' must be quantized per tensor (int8 or uint8) for a quantized {opType}");
                    }
                    var shift = v.Source.Constant.Type == DataType.UInt8 ? 128 : 0;
                    values = v.Source.Constant.Values.Select(x => x - shift).ToArray();
                    type = DataType.Int8;
                    q = v.Quant.ToIr();
                }
                else
                {
                    values = FloatForm(node, v).Constant!.Values;
                    type = DataType.Float32;
                }
                var vShape = v.Shape;
                if (nhwc)
                {
                    vShape = Enumerable.Repeat(1, 4 - vShape.Length).Concat(vShape).ToArray();
                    values = Transpose(values, vShape, ToNhwc);
                    vShape = Permute(vShape, ToNhwc);
                }
                return ConstantTensor($"{name}_operand{index}", type, vShape, values, q);
            }
            var t = quantized ? v.Source! : FloatForm(node, v);
            if (nhwc && t.Shape.Length != 4)
            {
                throw node.Unsupported($"broadcasting the rank-{t.Shape.Length} tensor '{OnnxText.OneLine(v.Name, 80)}' against an NCHW feature map is not supported");
            }
            return Materialize(t, nhwc);
        }

        void EmitQuantized(int output, Activation activation) =>
            _draft.AddOperator(kind, [Operand(a, true, 0), Operand(b, true, 1)], [output], new ActivationOptions(activation));

        OnnxValue EmitFloat(Activation activation)
        {
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            _draft.AddOperator(kind, [Operand(a, false, 0), Operand(b, false, 1)], [output], new ActivationOptions(activation));
            return OnnxValue.OfTensor(name, output, shape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain);
        }

        return new ComputePlan(shape, irShape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain, true, EmitQuantized, EmitFloat);
    }

    /// <summary>Elements of a constant that Add, Sub or Mul of two constants may make at import.</summary>
    private const long MaxFoldedElements = 1L << 22;

    private static int[] BroadcastShape(OnnxNodeView node, int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw node.Malformed($"shapes {OnnxText.Shape(a)} and {OnnxText.Shape(b)} do not broadcast");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Add, Sub or Mul of two constants, with numpy broadcasting, in the inputs' arithmetic (float32 or integer).</summary>
    private static OnnxConstant FoldBinary(OnnxNodeView node, OnnxConstant a, OnnxConstant b)
    {
        var shape = BroadcastShape(node, a.Shape, b.Shape);
        var count = shape.Aggregate(1L, (x, d) => x * d);
        if (count > MaxFoldedElements)
        {
            throw node.Unsupported($"folding these constants would make {count} elements (at most {MaxFoldedElements} are folded at import)");
        }
        var isFloat = a.Type == DataType.Float32 || b.Type == DataType.Float32;
        var values = new double[count];
        var index = new int[shape.Length];
        for (var i = 0; i < count; i++)
        {
            var x = a.Values[BroadcastIndex(index, shape, a.Shape)];
            var y = b.Values[BroadcastIndex(index, shape, b.Shape)];
            values[i] = node.OpType switch
            {
                "Add" => isFloat ? (float)x + (float)y : x + y,
                "Sub" => isFloat ? (float)x - (float)y : x - y,
                "Div" when isFloat => (float)x / (float)y,
                "Div" => y == 0 ? throw node.Malformed("integer division by zero in a constant") : Math.Truncate(x / y),
                _ => isFloat ? (float)x * (float)y : x * y,
            };
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return new OnnxConstant(isFloat ? DataType.Float32 : a.Type, shape, values);
    }

    private static long BroadcastIndex(int[] index, int[] shape, int[] operand)
    {
        long flat = 0;
        var offset = shape.Length - operand.Length;
        for (var d = 0; d < operand.Length; d++)
        {
            flat = flat * operand[d] + (operand[d] == 1 ? 0 : index[d + offset]);
        }
        return flat;
    }
}
