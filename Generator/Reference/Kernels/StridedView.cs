namespace MicroGen.Reference.Kernels;

/// <summary>
/// An N-dimensional view of a flat tensor buffer, in elements: index (i0, ..., iN-1) lives at
/// Offset + Σ i_d * Strides[d]. Strides may be zero (broadcast) or negative (reversed slices).
/// Rank 0 is a single element at Offset.
/// </summary>
public sealed record StridedView(int Offset, int[] Shape, int[] Strides)
{
    public int Rank => Shape.Length;

    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in Shape)
            {
                count *= d;
            }
            return count;
        }
    }

    /// <summary>The whole row-major tensor of <paramref name="shape"/>, starting at <paramref name="offset"/>.</summary>
    public static StridedView Contiguous(IReadOnlyList<int> shape, int offset = 0)
    {
        var strides = new int[shape.Count];
        var stride = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return new StridedView(offset, shape.ToArray(), strides);
    }
}
