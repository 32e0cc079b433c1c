namespace MicroGen.Ops.Common;

/// <summary>
/// Fewer, longer loops for the C kernels: walks over one shape with several stride sets (one per tensor) visit the same
/// elements in the same order when size-1 dimensions are dropped and a dimension is merged into the one before it
/// wherever every stride set is contiguous across the two (outer stride = inner stride * inner size).
/// </summary>
public static class DimensionMerging
{
    /// <summary>The merged shape (at least one dimension; [0] when the walk is empty) and the matching strides of each set.</summary>
    public static (int[] Shape, int[][] Strides) Merge(IReadOnlyList<int> shape, params IReadOnlyList<int>[] strides)
    {
        if (shape.Contains(0))
        {
            return ([0], strides.Select(_ => new[] { 0 }).ToArray());
        }
        var mergedShape = new List<int>();
        var merged = strides.Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < shape.Count; d++)
        {
            if (shape[d] == 1)
            {
                continue;
            }
            var dim = d;
            if (mergedShape.Count > 0 && Enumerable.Range(0, strides.Length).All(s => merged[s][^1] == (long)strides[s][dim] * shape[dim]))
            {
                mergedShape[^1] *= shape[d];
                for (var s = 0; s < strides.Length; s++)
                {
                    merged[s][^1] = strides[s][d];
                }
                continue;
            }
            mergedShape.Add(shape[d]);
            for (var s = 0; s < strides.Length; s++)
            {
                merged[s].Add(strides[s][d]);
            }
        }
        if (mergedShape.Count == 0)
        {
            return ([1], strides.Select(_ => new[] { 0 }).ToArray());
        }
        return (mergedShape.ToArray(), merged.Select(m => m.ToArray()).ToArray());
    }
}
