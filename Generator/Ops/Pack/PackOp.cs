using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Pack;

/// <summary>
/// PACK: values_count inputs of equal shape stacked along a new axis of the output (axis in [-(rank+1), rank]).
/// Float32, int8, int16, int32, int64 as TFLM; values copied bit for bit (TFLM does not rescale).
/// </summary>
public sealed class PackOp : OperatorDefinition<PackData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Pack];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override PackData PrepareData(OpContext ctx)
    {
        var options = ctx.Options<PackOptions>();
        if (ctx.InputCount < 1)
        {
            throw ctx.Fail("has no inputs");
        }
        if (ctx.OutputCount != 1)
        {
            throw ctx.Fail($"has {ctx.OutputCount} outputs, expected 1");
        }
        if (options.Count != ctx.InputCount)
        {
            throw ctx.Fail($"values_count is {options.Count} but the operator has {ctx.InputCount} inputs");
        }
        var output = ctx.Output(0);
        ctx.RequireType(output, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64);
        ShapeRules.RequireMaxRank(ctx, output, ShapeRules.MaxRank);
        var inputs = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToArray();
        var first = inputs[0];
        var axis = ShapeRules.NormalizeAxis(ctx, options.Axis, first.Shape.Length + 1, "axis");
        foreach (var input in inputs)
        {
            ctx.RequireSameType(output, input);
            ShapeRules.RequireShape(ctx, input, first.Shape);
        }
        var outputShape = first.Shape.ToList();
        outputShape.Insert(axis, inputs.Length);
        ShapeRules.RequireShape(ctx, output, outputShape);
        // Each input fills a size-1 slab of the output along the axis; its shape is the input's with that 1 inserted.
        var destinations = AxisPartition.PartViews(outputShape, axis, Enumerable.Repeat(1, inputs.Length).ToArray());
        return new PackData(inputs.Select(t => t.Index).ToArray(), output.Index, ShapeRules.ElementSize(ctx, output),
            destinations.Select(v => StridedView.Contiguous(v.Shape)).ToArray(), destinations);
    }

    protected override void Eval(PackData d, TensorBuffers buffers)
    {
        for (var i = 0; i < d.Inputs.Length; i++)
        {
            StridedCopyKernels.Copy(buffers.Bytes(d.Inputs[i]), d.Sources[i], buffers.WritableBytes(d.Output), d.Destinations[i], d.ElementSize);
        }
    }

    protected override KernelCall Lower(OpContext ctx, PackData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, d.Inputs, [d.Output],
            d.Inputs.Select((_, i) => (i, d.Sources[i], 0, d.Destinations[i])));
}
