using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Common;

/// <summary>
/// Lowers the operators built on <see cref="StridedCopyKernels"/> to the one C kernel mg_strided_copy: the sources and
/// destinations as pointer lists, and a table of view-to-view copies (indices into the lists, offsets, merged shape
/// and strides, every copy padded to one rank), plus PAD's fill.
/// </summary>
public static class StridedCopyLowering
{
    /// <summary>A copy of view <paramref name="From"/> of sources[Source] to view <paramref name="To"/> of destinations[Destination].</summary>
    public static KernelCall Create(OpContext ctx, int elementSize, IReadOnlyList<int> sources, IReadOnlyList<int> destinations,
        IEnumerable<(int Source, StridedView From, int Destination, StridedView To)> copies,
        long fillElements = 0, int fillSource = -1, byte[]? fillValue = null)
    {
        foreach (var tensor in sources.Concat(destinations).Select(t => ctx.Graph.Tensors[t]))
        {
            if (tensor.Type is not (DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Float32 or DataType.Bool))
            {
                throw ctx.Fail(tensor, $"{tensor.Type.DisplayName()} has no C kernel here; float32, int8, int16, int32 and bool are supported");
            }
        }
        var merged = new List<(int Source, int Destination, int FromOffset, int ToOffset, int[] Shape, int[] FromStrides, int[] ToStrides)>();
        foreach (var (source, from, destination, to) in copies)
        {
            if (from.ElementCount == 0)
            {
                continue;
            }
            var (shape, strides) = DimensionMerging.Merge(from.Shape, from.Strides, to.Strides);
            merged.Add((source, destination, from.Offset, to.Offset, shape, strides[0], strides[1]));
        }
        var rank = merged.Count == 0 ? 1 : merged.Max(c => c.Shape.Length);
        if (rank > ShapeRules.MaxRank)
        {
            throw ctx.Fail($"a copy of rank {rank} exceeds the C kernel's {ShapeRules.MaxRank} dimensions");
        }
        int[] Pad(int[] values, int fill) => [.. Enumerable.Repeat(fill, rank - values.Length), .. values];
        var table = merged.SelectMany(c => (int[])[c.Source, c.Destination, c.FromOffset, c.ToOffset,
            .. Pad(c.Shape, 1), .. Pad(c.FromStrides, 0), .. Pad(c.ToStrides, 0)]).ToArray();
        var step = ctx.Op.Index;
        var fill = fillElements > 0 && fillSource < 0
            ? new ArrayValue(ConstantArray.Int8($"op{step}_fill", (fillValue ?? throw new ArgumentNullException(nameof(fillValue))).Select(b => (sbyte)b).ToArray()))
            : KernelValue.Null;
        return KernelCall.Create("mg_strided_copy", "mg_strided_copy_params",
        [
            ("copies", KernelValue.Of(merged.Count)), ("rank", KernelValue.Of(rank)), ("element_size", KernelValue.Of(elementSize)),
            ("views", table.Length == 0 ? KernelValue.Null : KernelValue.Table($"op{step}_views", table)),
            ("fill_elements", KernelValue.Of(fillElements)), ("fill_source", KernelValue.Of(fillElements > 0 ? fillSource : -1)),
            ("fill_value", fill),
        ],
        [KernelOperand.InputList(sources), KernelOperand.OutputList(destinations)], "kernels/mg_strided_copy.c");
    }
}
