using MicroGen.Emit;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Common;

/// <summary>
/// The broadcast geometry fields of the C binary elementwise kernels (mg_broadcast_cursor): rank and the dims table
/// { output shape, input 1 strides, input 2 strides, input 1 offset, input 2 offset }, from the views Prepare (or a
/// patch, reading a window of a larger patch buffer) computed, with dimensions merged.
/// </summary>
public static class BroadcastLowering
{
    public static IEnumerable<(string Name, KernelValue Value)> Fields(OpContext ctx, StridedView input1, StridedView input2)
    {
        var (shape, strides) = DimensionMerging.Merge(input1.Shape, input1.Strides, input2.Strides);
        yield return ("rank", KernelValue.Of(shape.Length));
        yield return ("dims", KernelValue.Table($"op{ctx.Op.Index}_dims", [.. shape, .. strides[0], .. strides[1], input1.Offset, input2.Offset]));
    }
}
