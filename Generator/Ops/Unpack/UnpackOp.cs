using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Unpack;

/// <summary>
/// UNPACK: the input cut along an axis into num outputs of the input's shape without that axis. Float32, int8, int16,
/// int32 as TFLM; values copied bit for bit.
/// </summary>
public sealed class UnpackOp : OperatorDefinition<UnpackData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Unpack];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override UnpackData PrepareData(OpContext ctx)
    {
        var options = ctx.Options<PackOptions>();
        if (ctx.OutputCount < 1)
        {
            throw ctx.Fail("has no outputs");
        }
        ctx.RequireCounts(1, 1, ctx.OutputCount);
        var input = ctx.Input(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        var axis = ShapeRules.NormalizeAxis(ctx, options.Axis, input.Shape.Length, "axis");
        var count = input.Shape[axis];
        if (options.Count != ctx.OutputCount || count != ctx.OutputCount)
        {
            throw ctx.Fail($"num is {options.Count} and dimension {axis} of '{input.Name}' is {count}, but the operator has {ctx.OutputCount} outputs");
        }
        var outputShape = input.Shape.Where((_, d) => d != axis).ToArray();
        for (var i = 0; i < count; i++)
        {
            var output = ctx.Output(i);
            ctx.RequireSameType(input, output);
            ShapeRules.RequireShape(ctx, output, outputShape);
        }
        var sources = AxisPartition.PartViews(input.Shape, axis, Enumerable.Repeat(1, count).ToArray());
        return new UnpackData(input.Index, ctx.Op.Outputs.ToArray(), ShapeRules.ElementSize(ctx, input), sources,
            sources.Select(v => StridedView.Contiguous(v.Shape)).ToArray());
    }

    protected override void Eval(UnpackData d, TensorBuffers buffers)
    {
        for (var i = 0; i < d.Outputs.Length; i++)
        {
            StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Sources[i], buffers.WritableBytes(d.Outputs[i]), d.Destinations[i], d.ElementSize);
        }
    }

    protected override KernelCall Lower(OpContext ctx, UnpackData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, [d.Input], d.Outputs,
            d.Outputs.Select((_, i) => (0, d.Sources[i], i, d.Destinations[i])));
}
