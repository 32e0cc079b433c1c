using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>Shape arithmetic shared by the tensor-manipulation operators: axes, element counts, strides.</summary>
public static class ShapeRules
{
    /// <summary>Largest rank the tensor-manipulation kernels accept (TFLM's RuntimeShape small size).</summary>
    public const int MaxRank = 6;

    /// <summary>An axis in [-rank, rank) made non-negative, or an error naming <paramref name="what"/>.</summary>
    public static int NormalizeAxis(OpContext ctx, int axis, int rank, string what)
    {
        var resolved = axis < 0 ? axis + rank : axis;
        if (resolved < 0 || resolved >= rank)
        {
            throw ctx.Fail($"{what} {axis} is out of range for rank {rank}");
        }
        return resolved;
    }

    public static void RequireMaxRank(OpContext ctx, Tensor tensor, int maxRank)
    {
        if (tensor.Shape.Length > maxRank)
        {
            throw ctx.Fail(tensor, $"rank {tensor.Shape.Length} exceeds the supported maximum {maxRank}");
        }
    }

    /// <summary>The product of the dimensions, checked to fit in int (the kernels index with int).</summary>
    public static int ElementCount(OpContext ctx, Tensor tensor)
    {
        var count = tensor.ElementCount;
        if (count < 0 || count > int.MaxValue)
        {
            throw ctx.Fail(tensor, "has too many elements");
        }
        return (int)count;
    }

    /// <summary>Row-major strides (in elements) of a shape: the last dimension has stride 1.</summary>
    public static int[] RowMajorStrides(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        var stride = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    public static string Text(IEnumerable<int> shape) => "[" + string.Join("x", shape) + "]";

    /// <summary>Requires that <paramref name="tensor"/> has exactly <paramref name="expected"/> as its shape.</summary>
    public static void RequireShape(OpContext ctx, Tensor tensor, IReadOnlyList<int> expected)
    {
        if (!tensor.Shape.AsSpan().SequenceEqual(expected.ToArray()))
        {
            throw ctx.Fail(tensor, $"shape {tensor.ShapeText}, expected {Text(expected)}");
        }
    }

    /// <summary>Element types whose values a data-movement kernel copies bit for bit.</summary>
    public static int ElementSize(OpContext ctx, Tensor tensor)
    {
        var size = tensor.Type.SizeInBytes();
        if (size is not (1 or 2 or 4 or 8))
        {
            throw ctx.Fail(tensor, $"type {tensor.Type.DisplayName()} is not supported here");
        }
        return size;
    }
}
