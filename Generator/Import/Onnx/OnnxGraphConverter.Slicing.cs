using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// Slice (unit steps) → SLICE and Split → SPLIT_V: data movement, so a dequantized input stays dequantized with the
/// same parameters (the QuantizeLinear after it is then free); on NHWC-held maps the axes are mapped. Constants are
/// sliced at import.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertSlice(OnnxNodeView node)
    {
        node.RequireInputs(3, 5);
        var x = Input(node, 0);
        var rank = x.Shape.Length;
        var starts = RequireConstant(node, 1, "starts").Integers();
        var ends = RequireConstant(node, 2, "ends").Integers();
        var axes = node.HasInput(3)
            ? RequireConstant(node, 3, "axes").Integers().Select(a => NormalizeAxis(node, a, rank, "axis")).ToArray()
            : Enumerable.Range(0, starts.Length).ToArray();
        var steps = node.HasInput(4) ? RequireConstant(node, 4, "steps").Integers() : Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length || axes.Distinct().Count() != axes.Length)
        {
            throw node.Malformed("starts, ends, axes and steps differ in length or repeat an axis");
        }
        if (steps.Any(s => s != 1))
        {
            throw node.Unsupported($"steps [{string.Join(",", steps)}] are not supported (only 1)");
        }
        var begin = new int[rank];
        var size = x.Shape.ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            var dim = x.Shape[axes[i]];
            long Clamp(long v) => Math.Clamp(v < 0 ? v + dim : v, 0, dim);
            var s = Clamp(starts[i]);
            var e = Clamp(ends[i]);
            begin[axes[i]] = (int)s;
            size[axes[i]] = (int)Math.Max(0, e - s);
        }
        if (size.Any(d => d == 0))
        {
            throw node.Unsupported("a slice with no elements is not supported");
        }
        Define(node, Move(node, x, size, (input, nhwc, perm) =>
        {
            var name = node.Outputs[0];
            var t = _draft.Tensor(input);
            var output = _draft.AddTensor(name, t.Type, Permute(size, perm), t.Quantization);
            var beginTensor = _draft.AddConstant(name + "_begin", DataType.Int32, [rank], Permute(begin, perm));
            var sizeTensor = _draft.AddConstant(name + "_size", DataType.Int32, [rank], Permute(size, perm));
            _draft.AddOperator(OpKind.Slice, [input, beginTensor, sizeTensor], [output]);
            return [output];
        }, constant => [SliceConstant(constant, begin, size)])[0]);
    }

    private void ConvertSplit(OnnxNodeView node)
    {
        node.RequireInputs(1, 2);
        var x = Input(node, 0);
        var rank = x.Shape.Length;
        var axis = NormalizeAxis(node, node.Int("axis", 0), rank, "axis");
        var count = node.Outputs.Count;
        long[] sizes;
        if (node.HasInput(1))
        {
            sizes = RequireConstant(node, 1, "split").Integers();
        }
        else if (node.Ints("split") is { } attribute)
        {
            sizes = attribute;
        }
        else
        {
            var parts = node.Int("num_outputs", count);
            if (parts <= 0 || parts != count)
            {
                throw node.Malformed($"num_outputs {parts} differs from the {count} outputs");
            }
            var chunk = (x.Shape[axis] + parts - 1) / parts;
            sizes = Enumerable.Range(0, (int)parts).Select(i => Math.Clamp(x.Shape[axis] - i * chunk, 0, chunk)).ToArray();
        }
        if (sizes.Length != count || sizes.Any(s => s <= 0) || sizes.Sum() != x.Shape[axis])
        {
            throw node.Malformed($"split [{string.Join(",", sizes)}] does not divide dimension {x.Shape[axis]} into {count} parts");
        }
        var shapes = sizes.Select(s => x.Shape.Select((d, i) => i == axis ? (int)s : d).ToArray()).ToArray();
        var outputs = Move(node, x, shapes[0], (input, nhwc, perm) =>
        {
            var name = node.Outputs[0];
            var t = _draft.Tensor(input);
            var tensors = shapes.Select((s, i) => _draft.AddTensor(node.Outputs[i], t.Type, Permute(s, perm), t.Quantization)).ToArray();
            var sizeTensor = _draft.AddConstant(name + "_sizes", DataType.Int32, [count], sizes.Select(s => (int)s).ToArray());
            var axisTensor = _draft.AddConstant(name + "_axis", DataType.Int32, [], new[] { Array.IndexOf(perm, axis) });
            _draft.AddOperator(OpKind.SplitV, [input, sizeTensor, axisTensor], tensors, new SplitOptions(count));
            return tensors;
        }, constant =>
        {
            var offset = 0;
            return shapes.Select(s =>
            {
                var begin = new int[rank];
                begin[axis] = offset;
                offset += s[axis];
                return SliceConstant(constant, begin, s);
            }).ToArray();
        }, shapes);
        for (var i = 0; i < count; i++)
        {
            Define(node, outputs[i], i);
        }
    }

    /// <summary>
    /// A data-movement operator on a value: folded on constants; on tensors emitted by <paramref name="emit"/>
    /// (given the IR input, whether it is NHWC, and the ONNX-to-IR axis order), keeping a dequantized input's
    /// parameters on the outputs.
    /// </summary>
    private OnnxValue[] Move(OnnxNodeView node, OnnxValue x, int[] firstShape, Func<int, bool, int[], int[]> emit,
        Func<OnnxConstant, OnnxConstant[]> fold, int[][]? shapes = null)
    {
        shapes ??= [firstShape];
        switch (x.Form)
        {
            case ValueForm.Constant:
                return fold(x.Constant!).Select(c => OnnxValue.OfConstant("", c)).ToArray();
            case ValueForm.Dequantized when x.Source!.Form == ValueForm.Constant:
                return fold(x.Source.Constant!).Select(c => x with { Shape = c.Shape, Source = OnnxValue.OfConstant("", c) }).ToArray();
            case ValueForm.Pending:
                x = FloatForm(x);
                break;
        }
        var tensorValue = x.Form == ValueForm.Dequantized ? x.Source! : x;
        var rank = x.Shape.Length;
        var nhwc = rank == 4 && tensorValue.Layout == ValueLayout.Nhwc;
        var perm = nhwc ? ToNhwc : Enumerable.Range(0, rank).ToArray();
        var tensors = emit(Materialize(tensorValue, nhwc), nhwc, perm);
        return tensors.Select((t, i) =>
        {
            var moved = OnnxValue.OfTensor(node.Outputs[i], t, shapes[i], nhwc ? ValueLayout.Nhwc : ValueLayout.Plain);
            return x.Form == ValueForm.Dequantized ? x with { Shape = shapes[i], Source = moved } : moved;
        }).ToArray();
    }

    private static OnnxConstant SliceConstant(OnnxConstant c, int[] begin, int[] size)
    {
        var rank = c.Shape.Length;
        var count = size.Aggregate(1L, (p, d) => p * d);
        var values = new double[count];
        var index = new int[rank];
        for (var o = 0; o < count; o++)
        {
            long source = 0;
            for (var d = 0; d < rank; d++)
            {
                source = source * c.Shape[d] + begin[d] + index[d];
            }
            values[o] = c.Values[source];
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < size[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return new OnnxConstant(c.Type, size, values);
    }
}
