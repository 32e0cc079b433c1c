using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>Pad (constant mode) → PAD / PADV2, and two-input Max / Min → MAXIMUM / MINIMUM.</summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertPad(OnnxNodeView node)
    {
        node.RequireInputs(1, 4);
        var mode = node.String("mode", "constant");
        if (mode != "constant")
        {
            throw node.Unsupported($"mode '{OnnxText.OneLine(mode, 20)}' is not supported (constant)");
        }
        var x = Input(node, 0);
        var rank = x.Shape.Length;
        if (!node.HasInput(1))
        {
            throw node.Malformed("pads is missing");
        }
        var raw = RequireConstant(node, 1, "pads").Integers();
        var axes = node.HasInput(3)
            ? RequireConstant(node, 3, "axes").Integers().Select(a => NormalizeAxis(node, a, rank, "axis")).ToArray()
            : Enumerable.Range(0, rank).ToArray();
        if (raw.Length != 2 * axes.Length)
        {
            throw node.Malformed($"pads has {raw.Length} values, expected {2 * axes.Length}");
        }
        var before = new int[rank];
        var after = new int[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            if (raw[i] < 0 || raw[i + axes.Length] < 0 || raw[i] > 1 << 16 || raw[i + axes.Length] > 1 << 16)
            {
                throw node.Unsupported($"pads [{string.Join(",", raw)}]: only non-negative padding is supported (no cropping)");
            }
            before[axes[i]] = (int)raw[i];
            after[axes[i]] = (int)raw[i + axes.Length];
        }
        var value = 0f;
        if (node.HasInput(2))
        {
            var c = FloatForm(node, Input(node, 2));
            value = c.Form == ValueForm.Constant && c.Constant!.IsScalarLike
                ? (float)c.Constant.Values[0]
                : throw node.Unsupported("constant_value must be a constant scalar");
        }
        int[] shape = Enumerable.Range(0, rank).Select(d => x.Shape[d] + before[d] + after[d]).ToArray();
        var nhwc = rank == 4 && LayoutOf(x) == ValueLayout.Nhwc;
        var perm = nhwc ? ToNhwc : Enumerable.Range(0, rank).ToArray();
        var paddings = perm.SelectMany(d => new[] { before[d], after[d] }).ToArray();
        var irShape = Permute(shape, perm);
        var layout = nhwc ? ValueLayout.Nhwc : ValueLayout.Plain;
        var name = node.Outputs[0];

        void Emit(int input, int output, bool quantized)
        {
            var paddingTensor = _draft.AddConstant(name + "_paddings", DataType.Int32, [rank, 2], paddings);
            if (value == 0f)
            {
                _draft.AddOperator(OpKind.Pad, [input, paddingTensor], [output]);
                return;
            }
            var q = _draft.Tensor(input).Quantization;
            var constant = quantized
                ? _draft.AddConstant(name + "_value", DataType.Int8, [], new[] { (sbyte)Math.Clamp(MathF.Round(value / q!.Scale, MidpointRounding.ToEven) + q.ZeroPoint, -128, 127) }, q)
                : _draft.AddConstant(name + "_value", DataType.Float32, [], new[] { value });
            _draft.AddOperator(OpKind.PadV2, [input, paddingTensor, constant], [output]);
        }

        void EmitQuantized(int output, Activation activation)
        {
            var input = QuantizedTensor(x, nhwc);
            EmitSameQuantization(input, output, name, target => Emit(input, target, true));
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var input = FloatTensor(node, x, nhwc);
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            Emit(input, output, false);
            return OnnxValue.OfTensor(name, output, shape, layout);
        }

        DefineCompute(node, [x], new ComputePlan(shape, irShape, layout, false, EmitQuantized, EmitFloat));
    }

    private void ConvertMaxMin(OnnxNodeView node)
    {
        if (node.Inputs.Count == 1)
        {
            Alias(node);
            return;
        }
        node.RequireInputs(2, 2);
        var a = Input(node, 0);
        var b = Input(node, 1);
        var kind = node.OpType == "Max" ? OpKind.Maximum : OpKind.Minimum;
        var shape = BroadcastShape(node, a.Shape, b.Shape);
        var nhwc = shape.Length == 4 && new[] { a, b }.Any(v => LayoutOf(v) == ValueLayout.Nhwc && v.Shape.Length == 4);
        var irShape = nhwc ? Permute(shape, ToNhwc) : shape;
        var layout = nhwc ? ValueLayout.Nhwc : ValueLayout.Plain;
        var name = node.Outputs[0];

        int Operand(OnnxValue v, int index, Quantization? outputQuantization)
        {
            if (IsConstantLike(v))
            {
                var c = FloatForm(node, v).Constant!;
                var vShape = nhwc ? Enumerable.Repeat(1, 4 - v.Shape.Length).Concat(v.Shape).ToArray() : v.Shape;
                var values = nhwc ? Transpose(c.Values, vShape, ToNhwc) : c.Values;
                vShape = nhwc ? Permute(vShape, ToNhwc) : vShape;
                if (outputQuantization is null)
                {
                    return ConstantTensor($"{name}_operand{index}", DataType.Float32, vShape, values);
                }
                // MAXIMUM / MINIMUM compare stored values: the constant is quantized with the output's parameters.
                var q = new QuantParams([outputQuantization.Scale], [outputQuantization.ZeroPoint], 0, DataType.Int8);
                return ConstantTensor($"{name}_operand{index}", DataType.Int8, vShape, QuantizeValues(values, vShape, q), outputQuantization);
            }
            if (nhwc && v.Shape.Length != 4)
            {
                throw node.Unsupported($"broadcasting the rank-{v.Shape.Length} tensor '{OnnxText.OneLine(v.Name, 80)}' against an NCHW feature map is not supported");
            }
            if (outputQuantization is null)
            {
                return Materialize(FloatForm(node, v), nhwc);
            }
            var t = Materialize(v.Source!, nhwc);
            return SameQuantizationAs(t, outputQuantization) ? t : EmitQuantize(t, outputQuantization, $"{name}_input{index}_requantized");
        }

        void EmitQuantized(int output, Activation activation)
        {
            var outQ = _draft.Tensor(output).Quantization!;
            _draft.AddOperator(kind, [Operand(a, 0, outQ), Operand(b, 1, outQ)], [output]);
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            _draft.AddOperator(kind, [Operand(a, 0, null), Operand(b, 1, null)], [output]);
            return OnnxValue.OfTensor(name, output, shape, layout);
        }

        var activations = new[] { a, b }.Where(v => !IsConstantLike(v)).ToArray();
        DefineCompute(node, activations, new ComputePlan(shape, irShape, layout, false, EmitQuantized, EmitFloat));
    }

    private bool SameQuantizationAs(int tensor, Quantization q)
    {
        var t = _draft.Tensor(tensor).Quantization;
        return t is not null && t.Scale == q.Scale && t.ZeroPoint == q.ZeroPoint;
    }
}
