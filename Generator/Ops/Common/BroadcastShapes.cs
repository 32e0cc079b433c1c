using MicroGen.Ir;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Common;

/// <summary>
/// NumPy-style broadcasting of two inputs to an output, as TFLite's BroadcastBinaryOpSimple does it: shapes are
/// right-aligned, and each dimension is equal or 1 on one side. The result is one view per input over the output's
/// shape, with stride 0 along broadcast dimensions.
/// </summary>
public static class BroadcastShapes
{
    /// <summary>Largest broadcast rank accepted (TFLM's RuntimeShape small size, above its 4-D/5-D kernels).</summary>
    public const int MaxRank = 6;

    public static (StridedView Input1, StridedView Input2) Views(OpContext ctx, Tensor input1, Tensor input2, Tensor output)
    {
        var rank = Math.Max(input1.Shape.Length, input2.Shape.Length);
        if (rank > MaxRank)
        {
            throw ctx.Fail($"broadcast rank {rank} exceeds the supported maximum {MaxRank}");
        }
        var shape1 = Extend(input1.Shape, rank);
        var shape2 = Extend(input2.Shape, rank);
        var outputShape = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            if (shape1[d] == shape2[d] || shape2[d] == 1)
            {
                outputShape[d] = shape1[d];
            }
            else if (shape1[d] == 1)
            {
                outputShape[d] = shape2[d];
            }
            else
            {
                throw ctx.Fail(input2, $"shape does not broadcast with '{input1.Name}' {input1.ShapeText} (dimension {d} of the aligned shapes: {shape1[d]} vs {shape2[d]})");
            }
        }
        ShapeRules.RequireShape(ctx, output, outputShape);
        return (View(shape1, outputShape), View(shape2, outputShape));
    }

    /// <summary>The shape with leading 1s added up to <paramref name="rank"/> dimensions.</summary>
    public static int[] Extend(IReadOnlyList<int> shape, int rank)
    {
        var extended = Enumerable.Repeat(1, rank).ToArray();
        for (var i = 0; i < shape.Count; i++)
        {
            extended[rank - shape.Count + i] = shape[i];
        }
        return extended;
    }

    private static StridedView View(int[] inputShape, int[] outputShape)
    {
        var strides = ShapeRules.RowMajorStrides(inputShape);
        for (var d = 0; d < inputShape.Length; d++)
        {
            if (inputShape[d] == 1 && outputShape[d] != 1)
            {
                strides[d] = 0;
            }
        }
        return new StridedView(0, outputShape, strides);
    }
}
