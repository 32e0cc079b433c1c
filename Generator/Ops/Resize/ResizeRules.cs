using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Resize;

/// <summary>The checks RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR share: 4-D NHWC input, constant int32 size [2].</summary>
public static class ResizeRules
{
    public static (Tensor Input, Tensor Output, ResizeOptions Options, int OutputHeight, int OutputWidth) Prepare(
        OpContext ctx, params DataType[] types)
    {
        ctx.RequireCounts(2, 2, 1);
        var options = ctx.Options<ResizeOptions>();
        var input = ctx.Input(0);
        var sizeTensor = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(input, types);
        ctx.RequireSameType(input, output);
        ctx.RequireRank(input, 4);
        var size = ConstantTensors.ReadIntegers(ctx, sizeTensor, allowInt64: false);
        if (sizeTensor.Shape.Length != 1 || size.Length != 2)
        {
            throw ctx.Fail(sizeTensor, "must be a vector of 2 values (height, width)");
        }
        if (size[0] <= 0 || size[1] <= 0)
        {
            throw ctx.Fail(sizeTensor, $"size {size[0]}x{size[1]} must be positive");
        }
        if (input.Shape.Skip(1).Take(2).Any(d => d <= 0))
        {
            throw ctx.Fail(input, "has an empty spatial dimension");
        }
        ctx.RequireShape(output, input.Shape[0], size[0], size[1], input.Shape[3]);
        return (input, output, options, size[0], size[1]);
    }
}
