using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;

namespace MicroGen.Ops.Squeeze;

/// <summary>
/// SQUEEZE: removes the size-1 dimensions listed in squeeze_dims (negative allowed; each must be 1), or all size-1
/// dimensions when the list is empty. The output must have exactly the remaining shape; the bytes are copied unchanged.
/// </summary>
public sealed class SqueezeOp : ShapeOnlyOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Squeeze];

    protected override ByteCopyData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var options = ctx.Options<SqueezeOptions>();
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        var rank = input.Shape.Length;
        if (rank > 8)
        {
            throw ctx.Fail(input, $"rank {rank} exceeds TFLM's 8");
        }
        var squeeze = new bool[rank];
        if (options.Dims.Length == 0)
        {
            for (var d = 0; d < rank; d++)
            {
                squeeze[d] = input.Shape[d] == 1;
            }
        }
        else
        {
            foreach (var dim in options.Dims)
            {
                var axis = ShapeRules.NormalizeAxis(ctx, dim, rank, "squeeze dimension");
                if (input.Shape[axis] != 1)
                {
                    throw ctx.Fail(input, $"dimension {axis} has size {input.Shape[axis]}, not 1, and cannot be squeezed");
                }
                squeeze[axis] = true;
            }
        }
        ShapeRules.RequireShape(ctx, output, input.Shape.Where((_, d) => !squeeze[d]).ToArray());
        return ShapeOnlyOps.Prepare(ctx, input, output);
    }

}
