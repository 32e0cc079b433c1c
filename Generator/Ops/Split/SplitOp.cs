using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Split;

/// <summary>
/// SPLIT (inputs: axis, input; equal parts, num_splits outputs) and SPLIT_V (inputs: input, size_splits, axis; one
/// size per output, at most one -1 inferred). The axis is a constant int32 scalar; size_splits a constant int32/int64
/// vector. Outputs keep the input's rank. Float32, int8, int16, int32 (as TFLM), up to 6-D.
/// </summary>
public sealed class SplitOp : OperatorDefinition<SplitData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Split, OpKind.SplitV];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override SplitData PrepareData(OpContext ctx)
    {
        var isSplitV = ctx.Op.Kind == OpKind.SplitV;
        if (ctx.InputCount != (isSplitV ? 3 : 2))
        {
            throw ctx.Fail($"has {ctx.InputCount} inputs, expected {(isSplitV ? 3 : 2)}");
        }
        if (ctx.OutputCount < 1)
        {
            throw ctx.Fail("has no outputs");
        }
        var options = ctx.Options<SplitOptions>();
        var input = ctx.Input(isSplitV ? 0 : 1);
        var axisTensor = ctx.Input(isSplitV ? 2 : 0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        var rank = input.Shape.Length;
        var axis = ShapeRules.NormalizeAxis(ctx, ConstantTensors.ReadScalar(ctx, axisTensor, allowInt64: false), rank, "axis");
        var count = ctx.OutputCount;
        if (options.NumSplits != count)
        {
            throw ctx.Fail($"num_splits is {options.NumSplits} but the operator has {count} outputs");
        }
        var dim = input.Shape[axis];
        int[] sizes;
        if (isSplitV)
        {
            var sizesTensor = ctx.Input(1);
            sizes = ConstantTensors.ReadIntegers(ctx, sizesTensor);
            if (sizes.Length != count)
            {
                throw ctx.Fail(sizesTensor, $"has {sizes.Length} sizes for {count} outputs");
            }
            var inferred = Array.IndexOf(sizes, -1);
            if (inferred >= 0)
            {
                if (Array.LastIndexOf(sizes, -1) != inferred)
                {
                    throw ctx.Fail(sizesTensor, "has more than one -1");
                }
                sizes[inferred] = dim - sizes.Where((s, i) => i != inferred).Sum();
            }
            if (sizes.Any(s => s < 0) || sizes.Sum() != dim)
            {
                throw ctx.Fail(sizesTensor, $"sizes [{string.Join(", ", sizes)}] do not partition dimension {axis} of size {dim}");
            }
        }
        else
        {
            if (dim % count != 0)
            {
                throw ctx.Fail(input, $"dimension {axis} of size {dim} does not split into {count} equal parts");
            }
            sizes = Enumerable.Repeat(dim / count, count).ToArray();
        }
        var sources = AxisPartition.PartViews(input.Shape, axis, sizes);
        for (var i = 0; i < count; i++)
        {
            var output = ctx.Output(i);
            ctx.RequireSameType(input, output);
            ShapeRules.RequireShape(ctx, output, sources[i].Shape);
        }
        return new SplitData(input.Index, ctx.Op.Outputs.ToArray(), ShapeRules.ElementSize(ctx, input), sources,
            sources.Select(s => StridedView.Contiguous(s.Shape)).ToArray());
    }

    protected override void Eval(SplitData d, TensorBuffers buffers)
    {
        for (var i = 0; i < d.Outputs.Length; i++)
        {
            StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Sources[i], buffers.WritableBytes(d.Outputs[i]), d.Destinations[i], d.ElementSize);
        }
    }

    protected override KernelCall Lower(OpContext ctx, SplitData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, [d.Input], d.Outputs,
            d.Outputs.Select((_, i) => (0, d.Sources[i], i, d.Destinations[i])));
}
