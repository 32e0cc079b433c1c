using MicroGen.Ir.Options;

namespace MicroGen.Ops.StridedSlice;

/// <summary>
/// Resolves a STRIDED_SLICE specification against an input shape.
/// <para>
/// Sparse to dense: the begin/end/strides entries are matched to input axes as TensorFlow does (BuildDenseSpec): an
/// ellipsis entry expands to the axes not otherwise named (an implicit one is appended when there is none), a
/// new_axis entry inserts a size-1 output axis without consuming an input axis. TFLM micro ignores ellipsis_mask
/// and new_axis_mask (it requires one entry per input axis); models where it runs have neither, and then the two
/// agree.
/// </para>
/// <para>
/// Per axis, TFLM's strided_slice_logic.h StridedSliceStartForAxis / StridedSliceEndForAxis: negative indices wrap
/// once, indices clamp to [0, dim] (stride &gt; 0) or [-1, dim - 1] (stride &lt; 0), a begin/end mask overrides the
/// index, the offset flag makes end relative to the resolved start, and a shrunk axis takes exactly the element at start.
/// </para>
/// </summary>
public static class StridedSliceSpec
{
    /// <summary>The resolved input axes and the output shape, or an error message.</summary>
    public static (StridedSliceAxis[] Axes, int[] OutputShape) Resolve(
        IReadOnlyList<int> inputShape, int[] begin, int[] end, int[] strides, StridedSliceOptions options)
    {
        var sparseCount = begin.Length;
        if (end.Length != sparseCount || strides.Length != sparseCount)
        {
            throw new ArgumentException($"begin, end and strides have {begin.Length}, {end.Length} and {strides.Length} entries");
        }
        if (sparseCount > 31)
        {
            throw new ArgumentException($"{sparseCount} slice entries exceed the 31 the masks can address");
        }
        bool Bit(int mask, int i) => (mask & (1 << i)) != 0;
        var ellipsisCount = Enumerable.Range(0, sparseCount).Count(i => Bit(options.EllipsisMask, i));
        if (ellipsisCount > 1)
        {
            throw new ArgumentException("more than one ellipsis in ellipsis_mask");
        }
        var ellipsisIndex = ellipsisCount == 1 ? Enumerable.Range(0, sparseCount).First(i => Bit(options.EllipsisMask, i)) : sparseCount;
        var newAxesAfterEllipsis = Enumerable.Range(0, sparseCount)
            .Count(i => i > ellipsisIndex && Bit(options.NewAxisMask, i) && !Bit(options.EllipsisMask, i));
        var rank = inputShape.Count;
        var totalSparse = ellipsisCount == 1 ? sparseCount : sparseCount + 1;

        var axes = new StridedSliceAxis[rank];
        var assigned = new bool[rank];
        var outputShape = new List<int>();
        var fullIndex = 0;
        for (var i = 0; i < totalSparse; i++)
        {
            if (i == ellipsisIndex)
            {
                var nextIndex = Math.Min(rank - (totalSparse - i) + 1 + newAxesAfterEllipsis, rank);
                for (; fullIndex < nextIndex; fullIndex++)
                {
                    // A fully masked axis: everything, forward.
                    axes[fullIndex] = new StridedSliceAxis(0, 1, inputShape[fullIndex]);
                    assigned[fullIndex] = true;
                    outputShape.Add(inputShape[fullIndex]);
                }
            }
            else if (Bit(options.NewAxisMask, i))
            {
                outputShape.Add(1);
            }
            else
            {
                if (fullIndex >= rank)
                {
                    throw new ArgumentException($"slice entry {i} addresses axis {fullIndex} of a rank-{rank} input");
                }
                var shrink = Bit(options.ShrinkAxisMask, i);
                axes[fullIndex] = ResolveAxis(inputShape[fullIndex], begin[i], end[i], strides[i],
                    Bit(options.BeginMask, i), Bit(options.EndMask, i), shrink, options.Offset, fullIndex);
                assigned[fullIndex] = true;
                if (!shrink)
                {
                    outputShape.Add(axes[fullIndex].Count);
                }
                fullIndex++;
            }
        }
        if (assigned.Contains(false))
        {
            throw new ArgumentException("the slice entries do not cover every input axis");
        }
        return (axes, outputShape.ToArray());
    }

    private static StridedSliceAxis ResolveAxis(int dim, int begin, int end, int stride, bool beginMasked, bool endMasked,
        bool shrink, bool offset, int axis)
    {
        if (stride == 0)
        {
            throw new ArgumentException($"stride of axis {axis} is 0");
        }
        // StridedSliceStartForAxis.
        long start = begin;
        if (start < 0)
        {
            start += dim;
        }
        start = stride > 0 ? Math.Clamp(start, 0, dim) : Math.Clamp(start, -1, dim - 1);
        if (beginMasked)
        {
            start = stride > 0 ? 0 : dim - 1;
        }
        if (shrink)
        {
            if (start < 0 || start >= dim)
            {
                throw new ArgumentException($"shrunk axis {axis} selects index {begin}, outside its {dim} elements");
            }
            if (stride < 0)
            {
                throw new ArgumentException($"shrunk axis {axis} has negative stride {stride} (TFLM selects nothing)");
            }
            return new StridedSliceAxis((int)start, stride, 1);
        }
        // StridedSliceEndForAxis.
        long stop = end;
        if (offset)
        {
            stop += start;
        }
        if (stop < 0)
        {
            stop += dim;
        }
        stop = stride > 0 ? Math.Clamp(stop, 0, dim) : Math.Clamp(stop, -1, dim - 1);
        if (endMasked)
        {
            stop = stride > 0 ? dim : -1;
        }
        var span = stride > 0 ? stop - start : start - stop;
        var step = Math.Abs((long)stride);
        var count = span <= 0 ? 0 : (span + step - 1) / step;
        return new StridedSliceAxis((int)start, stride, (int)count);
    }
}
