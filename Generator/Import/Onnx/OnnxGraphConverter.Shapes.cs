using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// Concat, and the shape operators: Reshape, Flatten, Squeeze, Unsqueeze and Transpose become views of the same IR
/// tensor when they only undo or redo the NCHW → NHWC change (no operator), constants are folded, and the rest
/// becomes RESHAPE / TRANSPOSE. Shape, Gather and Cast are folded on constants.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertConcat(OnnxNodeView node)
    {
        if (node.Inputs.Count < 1)
        {
            throw node.Malformed("has no inputs");
        }
        var inputs = Enumerable.Range(0, node.Inputs.Count).Select(i => Input(node, i)).ToArray();
        var axis = NormalizeAxis(node, node.Int("axis", 1), inputs[0].Shape.Length, "axis");
        if (inputs.All(IsConstantLike))
        {
            Define(node, OnnxValue.OfConstant("", ConcatConstants(node, inputs.Select(v => FloatOrIntConstant(node, v)).ToArray(), axis)));
            return;
        }
        DefineCompute(node, inputs.Where(v => !IsConstantLike(v)).ToArray(), ConcatPlan(node, inputs, axis));
    }

    private void ConvertQLinearConcat(OnnxNodeView node)
    {
        if (node.Inputs.Count < 5 || (node.Inputs.Count - 2) % 3 != 0)
        {
            throw node.Malformed($"has {node.Inputs.Count} inputs, expected Y_scale, Y_zero_point and triples of X, scale, zero point");
        }
        var y = ReadQuantParams(node, 0, 1, [], 0, DataType.UInt8, "output");
        var inputs = Enumerable.Range(0, (node.Inputs.Count - 2) / 3).Select(i => QuantizedInput(node, 2 + 3 * i, 3 + 3 * i, 4 + 3 * i)).ToArray();
        var axis = NormalizeAxis(node, node.Int("axis", 1), inputs[0].Shape.Length, "axis");
        DefineQuantized(node, ConcatPlan(node, inputs, axis), y);
    }

    private ComputePlan ConcatPlan(OnnxNodeView node, OnnxValue[] inputs, int axis)
    {
        var rank = inputs[0].Shape.Length;
        var shape = inputs[0].Shape.ToArray();
        shape[axis] = 0;
        foreach (var v in inputs)
        {
            if (v.Shape.Length != rank || Enumerable.Range(0, rank).Any(d => d != axis && v.Shape[d] != inputs[0].Shape[d]))
            {
                throw node.Malformed($"input shapes {string.Join(", ", inputs.Select(i => OnnxText.Shape(i.Shape)))} do not concatenate along axis {axis}");
            }
            shape[axis] += v.Shape[axis];
        }
        var nhwc = rank == 4;
        var irShape = nhwc ? Permute(shape, ToNhwc) : shape;
        var irAxis = nhwc ? Array.IndexOf(ToNhwc, axis) : axis;
        var name = node.Outputs[0];

        int Operand(OnnxValue v, int index, Quantization? outputQuantization)
        {
            if (IsConstantLike(v))
            {
                var c = outputQuantization is null ? FloatForm(node, v).Constant! : null;
                if (c is null)
                {
                    throw node.Unsupported("constant inputs of a quantized Concat are not supported");
                }
                return ConstantTensor($"{name}_operand{index}", DataType.Float32, nhwc ? Permute(v.Shape, ToNhwc) : v.Shape,
                    nhwc ? Transpose(c.Values, v.Shape, ToNhwc) : c.Values);
            }
            if (outputQuantization is null)
            {
                return Materialize(FloatForm(node, v), nhwc);
            }
            var t = Materialize(v.Source!, nhwc);
            var q = _draft.Tensor(t).Quantization!;
            return q.Scale == outputQuantization.Scale && q.ZeroPoint == outputQuantization.ZeroPoint
                ? t
                : EmitQuantize(t, outputQuantization, $"{name}_input{index}_requantized");
        }

        void EmitQuantized(int output, Activation activation)
        {
            var outQ = _draft.Tensor(output).Quantization!;
            var operands = inputs.Select((v, i) => Operand(v, i, outQ)).ToArray();
            _draft.AddOperator(OpKind.Concatenation, operands, [output], new ConcatenationOptions(irAxis, activation));
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var operands = inputs.Select((v, i) => Operand(v, i, null)).ToArray();
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            _draft.AddOperator(OpKind.Concatenation, operands, [output], new ConcatenationOptions(irAxis, activation));
            return OnnxValue.OfTensor(name, output, shape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain);
        }

        return new ComputePlan(shape, irShape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain, false, EmitQuantized, EmitFloat);
    }

    private static OnnxConstant ConcatConstants(OnnxNodeView node, OnnxConstant[] parts, int axis)
    {
        var shape = parts[0].Shape.ToArray();
        shape[axis] = parts.Sum(p => p.Shape.Length == shape.Length ? p.Shape[axis] : throw node.Malformed("constant inputs differ in rank"));
        long outer = 1;
        for (var d = 0; d < axis; d++)
        {
            outer *= shape[d];
        }
        var values = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var p in parts)
            {
                var chunk = p.Values.Length / Math.Max(outer, 1);
                values.AddRange(p.Values.Skip((int)(o * chunk)).Take((int)chunk));
            }
        }
        var isFloat = parts.Any(p => p.Type == DataType.Float32);
        return new OnnxConstant(isFloat ? DataType.Float32 : parts[0].Type, shape, values.ToArray());
    }

    private void ConvertReshape(OnnxNodeView node)
    {
        var x = Input(node, 0);
        int[] shape;
        switch (node.OpType)
        {
            case "Reshape":
                node.RequireInputs(2, 2);
                shape = ReshapeTarget(node, x.Shape, RequireConstant(node, 1, "shape").Integers(), node.Int("allowzero", 0) != 0);
                break;
            case "Flatten":
                {
                    node.RequireInputs(1, 1);
                    var axis = node.Int("axis", 1);
                    var a = (int)(axis < 0 ? axis + x.Shape.Length : axis);
                    if (a < 0 || a > x.Shape.Length)
                    {
                        throw node.Malformed($"axis {axis} is out of range for rank {x.Shape.Length}");
                    }
                    shape = [x.Shape[..a].Aggregate(1, (p, d) => p * d), x.Shape[a..].Aggregate(1, (p, d) => p * d)];
                    break;
                }
            case "Squeeze":
                {
                    node.RequireInputs(1, 2);
                    var axes = node.HasInput(1) ? RequireConstant(node, 1, "axes").Integers() : null;
                    var drop = axes?.Select(a => NormalizeAxis(node, a, x.Shape.Length, "axis")).ToHashSet()
                        ?? Enumerable.Range(0, x.Shape.Length).Where(d => x.Shape[d] == 1).ToHashSet();
                    if (drop.Any(d => x.Shape[d] != 1))
                    {
                        throw node.Malformed($"cannot squeeze axes of {OnnxText.Shape(x.Shape)} that are not 1");
                    }
                    shape = Enumerable.Range(0, x.Shape.Length).Where(d => !drop.Contains(d)).Select(d => x.Shape[d]).ToArray();
                    break;
                }
            default:
                {
                    node.RequireInputs(2, 2);
                    var axes = RequireConstant(node, 1, "axes").Integers();
                    var rank = x.Shape.Length + axes.Length;
                    var insert = axes.Select(a => NormalizeAxis(node, a, rank, "axis")).ToHashSet();
                    if (insert.Count != axes.Length)
                    {
                        throw node.Malformed("axes repeat");
                    }
                    var rest = x.Shape.AsEnumerable().GetEnumerator();
                    shape = new int[rank];
                    for (var d = 0; d < rank; d++)
                    {
                        shape[d] = insert.Contains(d) ? 1 : rest.MoveNext() ? rest.Current : 1;
                    }
                    break;
                }
        }
        Define(node, View(node, x, shape));
    }

    private static int[] ReshapeTarget(OnnxNodeView node, int[] input, long[] target, bool allowZero)
    {
        var count = input.Aggregate(1L, (p, d) => p * d);
        var shape = new long[target.Length];
        var inferred = -1;
        for (var i = 0; i < target.Length; i++)
        {
            var t = target[i];
            if (t == 0 && !allowZero)
            {
                t = i < input.Length ? input[i] : throw node.Malformed($"shape entry {i} copies a dimension the input does not have");
            }
            else if (t == -1)
            {
                if (inferred >= 0)
                {
                    throw node.Malformed("the shape has two -1 entries");
                }
                inferred = i;
                t = 1;
            }
            else if (t < 0 || t > OnnxTensorDecoder.MaxElements)
            {
                throw node.Malformed($"shape entry {t} is not valid");
            }
            shape[i] = t;
        }
        var known = shape.Aggregate(1L, (p, d) => p * d);
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw node.Malformed($"cannot reshape {OnnxText.Shape(input)} to [{string.Join(",", target)}]");
            }
            shape[inferred] = count / known;
        }
        if (shape.Aggregate(1L, (p, d) => p * d) != count)
        {
            throw node.Malformed($"cannot reshape {OnnxText.Shape(input)} ({count} elements) to [{string.Join(",", target)}]");
        }
        return shape.Select(d => (int)d).ToArray();
    }

    /// <summary>The value seen with another shape, elements in the same ONNX order.</summary>
    private OnnxValue View(OnnxNodeView node, OnnxValue x, int[] shape)
    {
        switch (x.Form)
        {
            case ValueForm.Constant:
                return x with { Shape = shape, Constant = x.Constant!.WithShape(shape) };
            case ValueForm.Dequantized:
                if (!x.Quant!.IsPerTensor)
                {
                    throw node.Unsupported("reshaping per-axis quantized constants is not supported");
                }
                return x with { Shape = shape, Source = View(node, x.Source!, shape) };
            case ValueForm.Pending:
                return View(node, FloatForm(x), shape);
        }
        if (shape.AsSpan().SequenceEqual(x.Shape))
        {
            return x;
        }
        var ir = _draft.Tensor(x.Tensor).Shape;
        switch (x.Layout)
        {
            case ValueLayout.Nhwc when ir[1] * ir[2] == 1 || ir[3] == 1:
                // [N,1,1,C] or [N,H,W,1]: NHWC order is NCHW order.
                return x with { Shape = shape, Layout = ValueLayout.Plain };
            case ValueLayout.Nhwc:
                return x with { Shape = shape, Layout = ValueLayout.FlattenedNhwc };
            case ValueLayout.FlattenedNhwc when shape.AsSpan().SequenceEqual(Permute(ir, ToNchw)):
                return x with { Shape = shape, Layout = ValueLayout.Nhwc };
            default:
                return x with { Shape = shape };
        }
    }

    private void ConvertTranspose(OnnxNodeView node)
    {
        node.RequireInputs(1, 1);
        var x = Input(node, 0);
        var rank = x.Shape.Length;
        var perm = node.SmallInts("perm", 0, Math.Max(rank - 1, 0)) ?? Enumerable.Range(0, rank).Reverse().ToArray();
        if (perm.Length != rank || perm.Distinct().Count() != rank)
        {
            throw node.Malformed($"perm [{string.Join(",", perm)}] is not a permutation of {rank} axes");
        }
        Define(node, TransposeValue(node, x, perm));
    }

    private OnnxValue TransposeValue(OnnxNodeView node, OnnxValue x, int[] perm)
    {
        var shape = Permute(x.Shape, perm);
        switch (x.Form)
        {
            case ValueForm.Constant:
                return x with { Shape = shape, Constant = new OnnxConstant(x.Constant!.Type, shape, Transpose(x.Constant.Values, x.Shape, perm)) };
            case ValueForm.Dequantized:
                if (!x.Quant!.IsPerTensor)
                {
                    throw node.Unsupported("transposing per-axis quantized constants is not supported");
                }
                return x with { Shape = shape, Source = TransposeValue(node, x.Source!, perm) };
            case ValueForm.Pending:
                return TransposeValue(node, FloatForm(x), perm);
        }
        // IR data = ONNX data permuted by inPerm; we want the output held permuted by outPerm: the IR transpose
        // from one to the other is q[i] = inverse(inPerm)[perm[outPerm[i]]], nothing when q is the identity.
        // A rank-4 output is held NHWC, or plain when that makes the transpose vanish (a Transpose to or from NHWC).
        var rank = shape.Length;
        var identity = Enumerable.Range(0, rank).ToArray();
        var source = x.Layout == ValueLayout.Nhwc ? x : x with { Tensor = Materialize(x, nhwc: false), Layout = ValueLayout.Plain };
        var inPerm = source.Layout == ValueLayout.Nhwc ? ToNhwc : identity;
        var inverse = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            inverse[inPerm[i]] = i;
        }
        int[] IrPerm(int[] outPerm) => Enumerable.Range(0, rank).Select(i => inverse[perm[outPerm[i]]]).ToArray();
        var layout = rank == 4 ? ValueLayout.Nhwc : ValueLayout.Plain;
        var q = IrPerm(rank == 4 ? ToNhwc : identity);
        if (rank == 4 && !q.SequenceEqual(identity) && IrPerm(identity).SequenceEqual(identity))
        {
            layout = ValueLayout.Plain;
            q = identity;
        }
        var tensor = q.SequenceEqual(identity) ? source.Tensor : EmitRelayout(source.Tensor, q, node.Outputs[0]);
        return OnnxValue.OfTensor(x.Name, tensor, shape, layout);
    }

    /// <summary>Shape, Gather and Cast, computed at import on constants (shape arithmetic of exported graphs).</summary>
    private void ConvertConstantOnly(OnnxNodeView node)
    {
        var x = Input(node, 0);
        switch (node.OpType)
        {
            case "Shape":
                {
                    node.RequireInputs(1, 1);
                    var rank = x.Shape.Length;
                    long start = node.Int("start", 0), end = node.Int("end", rank);
                    start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
                    end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
                    var dims = x.Shape.Skip((int)start).Take((int)Math.Max(0, end - start)).Select(d => (double)d).ToArray();
                    Define(node, OnnxValue.OfConstant("", new OnnxConstant(DataType.Int64, [dims.Length], dims)));
                    return;
                }
            case "Gather":
                {
                    node.RequireInputs(2, 2);
                    if (x.Form != ValueForm.Constant)
                    {
                        throw node.Unsupported("Gather is supported on constants only");
                    }
                    var indices = RequireConstant(node, 1, "indices");
                    var data = x.Constant!;
                    var axis = NormalizeAxis(node, node.Int("axis", 0), data.Shape.Length, "axis");
                    var outer = data.Shape[..axis].Aggregate(1, (p, d) => p * d);
                    var inner = data.Shape[(axis + 1)..].Aggregate(1, (p, d) => p * d);
                    var dim = data.Shape[axis];
                    if ((long)outer * indices.ElementCount * inner > MaxFoldedElements)
                    {
                        throw node.Unsupported($"gathering would make more than {MaxFoldedElements} elements at import");
                    }
                    var values = new List<double>();
                    for (var o = 0; o < outer; o++)
                    {
                        foreach (var raw in indices.Integers())
                        {
                            var i = raw < 0 ? raw + dim : raw;
                            if (i < 0 || i >= dim)
                            {
                                throw node.Malformed($"index {raw} is out of range for dimension {dim}");
                            }
                            values.AddRange(data.Values.Skip((int)((o * dim + i) * inner)).Take(inner));
                        }
                    }
                    var shape = data.Shape[..axis].Concat(indices.Shape).Concat(data.Shape[(axis + 1)..]).ToArray();
                    Define(node, OnnxValue.OfConstant("", new OnnxConstant(data.Type, shape, values.ToArray())));
                    return;
                }
            default:
                {
                    node.RequireInputs(1, 1);
                    if (x.Form != ValueForm.Constant)
                    {
                        throw node.Unsupported("Cast is supported on constants only");
                    }
                    var to = OnnxTensorDecoder.ElementType((int)node.Int("to", 0), node.Description + " 'to'", _source);
                    var values = x.Constant!.Values.Select(v => to switch
                    {
                        DataType.Float32 or DataType.Float64 => (float)v,
                        DataType.Bool => v != 0 ? 1 : 0,
                        _ => Math.Truncate(v),
                    }).ToArray();
                    Define(node, OnnxValue.OfConstant("", new OnnxConstant(to == DataType.Float64 ? DataType.Float32 : to, x.Shape, values)));
                    return;
                }
        }
    }
}
