namespace MicroGen.Ops.Common;

/// <summary>Runs an elementwise reference kernel over the rows of an <see cref="ElementwiseWalk"/> (null: the whole spans).</summary>
public static class ElementwiseRows
{
    public static void Run<TIn, TOut>(ElementwiseWalk? walk, ReadOnlySpan<TIn> input, Span<TOut> output, RowKernel<TIn, TOut> kernel)
    {
        if (walk is null)
        {
            kernel(input, output);
            return;
        }
        for (var r = 0; r < walk.Rows; r++)
        {
            kernel(input.Slice(walk.InputOffset + r * walk.InputRowStride, walk.RowElements),
                output.Slice(r * walk.RowElements, walk.RowElements));
        }
    }
}
