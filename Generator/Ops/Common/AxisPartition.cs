using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Common;

/// <summary>
/// A tensor cut along one axis into consecutive parts (SPLIT, SPLIT_V, CONCATENATION, and PACK / UNPACK with a
/// size-1 part per value): the view of each part inside the whole tensor, and the part as a contiguous tensor.
/// </summary>
public static class AxisPartition
{
    /// <summary>Views of the parts of <paramref name="wholeShape"/> whose sizes along <paramref name="axis"/> are <paramref name="partSizes"/>.</summary>
    public static StridedView[] PartViews(IReadOnlyList<int> wholeShape, int axis, IReadOnlyList<int> partSizes)
    {
        var strides = ShapeRules.RowMajorStrides(wholeShape);
        var views = new StridedView[partSizes.Count];
        var start = 0;
        for (var i = 0; i < partSizes.Count; i++)
        {
            var shape = wholeShape.ToArray();
            shape[axis] = partSizes[i];
            var empty = shape.Contains(0);
            views[i] = new StridedView(empty ? 0 : start * strides[axis], shape, strides);
            start += partSizes[i];
        }
        return views;
    }
}
