using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.StridedSlice;

/// <summary>
/// STRIDED_SLICE: inputs (input, begin, end, strides), the last three constant int32 or int64 vectors; all five masks
/// and the offset flag (see <see cref="StridedSliceSpec"/>); negative strides walk backwards. Up to 6-D (TFLM micro:
/// 4-D); float32, int8, int16, int32, bool, copied bit for bit.
/// </summary>
public sealed class StridedSliceOp : OperatorDefinition<StridedSliceData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.StridedSlice];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override StridedSliceData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(4, 4, 1);
        var options = ctx.Options<StridedSliceOptions>();
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Bool);
        ctx.RequireSameType(input, output);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        var begin = ReadVector(ctx, ctx.Input(1));
        var end = ReadVector(ctx, ctx.Input(2));
        var strides = ReadVector(ctx, ctx.Input(3));
        StridedSliceAxis[] axes;
        int[] outputShape;
        try
        {
            (axes, outputShape) = StridedSliceSpec.Resolve(input.Shape, begin, end, strides, options);
        }
        catch (ArgumentException e)
        {
            throw ctx.Fail($"slice [begin {string.Join(",", begin)}; end {string.Join(",", end)}; strides {string.Join(",", strides)}] of '{input.Name}' {input.ShapeText}: {e.Message}");
        }
        ShapeRules.RequireShape(ctx, output, outputShape);
        var inputStrides = ShapeRules.RowMajorStrides(input.Shape);
        var counts = axes.Select(a => a.Count).ToArray();
        var offset = counts.Contains(0) ? 0 : axes.Select((a, d) => a.Start * inputStrides[d]).Sum();
        var source = new StridedView(offset, counts, axes.Select((a, d) => a.Stride * inputStrides[d]).ToArray());
        return new StridedSliceData(input.Index, output.Index, ShapeRules.ElementSize(ctx, input), source, StridedView.Contiguous(counts));
    }

    private static int[] ReadVector(OpContext ctx, Tensor tensor)
    {
        var values = ConstantTensors.ReadIntegers(ctx, tensor);
        if (tensor.Shape.Length != 1)
        {
            throw ctx.Fail(tensor, "must be a vector");
        }
        return values;
    }

    protected override void Eval(StridedSliceData d, TensorBuffers buffers) =>
        StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Source, buffers.WritableBytes(d.Output), d.Destination, d.ElementSize);

    protected override KernelCall Lower(OpContext ctx, StridedSliceData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, [d.Input], [d.Output], [(0, d.Source, 0, d.Destination)]);
}
