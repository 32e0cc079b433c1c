using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;

namespace MicroGen.Ops.Reshape;

/// <summary>
/// RESHAPE: the target shape comes from the second input when it is present and constant (int32 or int64), else from
/// the new_shape option when it is non-empty, else from the output tensor; one -1 is inferred from the element count.
/// The target must keep the element count and equal the output's shape. Any element type; the bytes are copied unchanged.
/// </summary>
public sealed class ReshapeOp : ShapeOnlyOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Reshape];

    protected override ByteCopyData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 2, 1);
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        var shapeTensor = ctx.OptionalInput(1);
        var newShape = ctx.Op.Options is ReshapeOptions options ? options.NewShape.ToArray() : [];
        int[] target;
        string source;
        if (shapeTensor is { IsConstant: true })
        {
            target = ConstantTensors.ReadIntegers(ctx, shapeTensor);
            if (shapeTensor.Shape.Length > 1)
            {
                throw ctx.Fail(shapeTensor, "must be a vector");
            }
            source = $"shape tensor '{shapeTensor.Name}'";
        }
        else if (newShape.Length > 0)
        {
            target = newShape;
            source = "new_shape option";
        }
        else
        {
            target = output.Shape.ToArray();
            source = "output shape";
        }
        var stretch = Array.IndexOf(target, -1);
        if (stretch >= 0)
        {
            if (Array.LastIndexOf(target, -1) != stretch)
            {
                throw ctx.Fail($"the {source} [{string.Join(", ", target)}] has more than one -1");
            }
            var known = target.Where((_, i) => i != stretch).Aggregate(1L, (a, d) => a * d);
            if (known <= 0 || input.ElementCount % known != 0)
            {
                throw ctx.Fail($"the {source} [{string.Join(", ", target)}] cannot hold the {input.ElementCount} elements of '{input.Name}'");
            }
            target[stretch] = (int)(input.ElementCount / known);
        }
        if (target.Any(d => d < 0) || target.Aggregate(1L, (a, d) => a * d) != input.ElementCount)
        {
            throw ctx.Fail($"the {source} {ShapeRules.Text(target)} does not hold the {input.ElementCount} elements of '{input.Name}' {input.ShapeText}");
        }
        ShapeRules.RequireShape(ctx, output, target);
        return ShapeOnlyOps.Prepare(ctx, input, output);
    }

}
