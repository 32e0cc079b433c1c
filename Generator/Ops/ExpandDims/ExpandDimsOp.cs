using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;

namespace MicroGen.Ops.ExpandDims;

/// <summary>
/// EXPAND_DIMS: inserts a size-1 dimension at the constant axis (int32 or int64 scalar, in [-(rank+1), rank]).
/// Float32, int8, int16 as TFLM; the bytes are copied unchanged.
/// </summary>
public sealed class ExpandDimsOp : ShapeOnlyOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.ExpandDims];

    protected override ByteCopyData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var input = ctx.Input(0);
        var axisTensor = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        if (axisTensor.Shape.Length > 1)
        {
            throw ctx.Fail(axisTensor, "must be a scalar or a one-element vector");
        }
        var axis = ShapeRules.NormalizeAxis(ctx, ConstantTensors.ReadScalar(ctx, axisTensor), input.Shape.Length + 1, "axis");
        var outputShape = input.Shape.ToList();
        outputShape.Insert(axis, 1);
        ShapeRules.RequireShape(ctx, output, outputShape);
        return ShapeOnlyOps.Prepare(ctx, input, output);
    }

}
