using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.LeakyRelu;

/// <summary>
/// LEAKY_RELU (TFLM leaky_relu_common.cc): float32, int8 and int16 with per-tensor quantization. Both multipliers are
/// scale ratios formed in float (input_scale * alpha / output_scale and input_scale / output_scale) then quantized.
/// </summary>
public sealed class LeakyReluOp : OperatorDefinition<LeakyReluData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.LeakyRelu];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override LeakyReluData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var alpha = ctx.Options<LeakyReluOptions>().Alpha;
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(input, output);
        ctx.RequireShape(output, input.Shape.ToArray());
        if (input.Type == DataType.Float32)
        {
            return new LeakyReluData(input.Index, output.Index, input.Type, 0, 0, 0, 0, 0, 0, alpha);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var alphaMultiplier = QuantizedMultiplier.FromDouble(inQ.Scale * alpha / outQ.Scale);
        var identityMultiplier = QuantizedMultiplier.FromDouble(inQ.Scale / outQ.Scale);
        return new LeakyReluData(input.Index, output.Index, input.Type, inQ.ZeroPoint, outQ.ZeroPoint,
            identityMultiplier.Multiplier, identityMultiplier.Shift, alphaMultiplier.Multiplier, alphaMultiplier.Shift, alpha);
    }

    protected override void Eval(LeakyReluData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                LeakyReluKernels.LeakyReluQuantized(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                LeakyReluKernels.LeakyReluQuantized(d, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            default:
                LeakyReluKernels.LeakyReluFloat(d.Alpha, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
        }
    }
}
