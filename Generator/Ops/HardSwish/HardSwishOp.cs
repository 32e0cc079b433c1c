using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.HardSwish;

/// <summary>
/// HARD_SWISH, x * relu6(x + 3) / 6 (TFLM hard_swish_common.cc): float32, and int8 through TFLite's 16-bit
/// fixed-point reference with its reluish and output multipliers (the scale ratios formed in float).
/// </summary>
public sealed class HardSwishOp : OperatorDefinition<HardSwishData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.HardSwish];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override HardSwishData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8);
        ctx.RequireSameType(input, output);
        ctx.RequireShape(output, input.Shape.ToArray());
        if (input.Type == DataType.Float32)
        {
            return new HardSwishData(input.Index, output.Index, input.Type, 0, 0, 0, 0, 0, 0);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var hiresInputScale = (1.0f / 128.0f) * inQ.Scale;
        const float reluishScale = 3.0f / 32768.0f;
        var outputMultiplier = QuantizedMultiplier.FromDouble(hiresInputScale / outQ.Scale);
        if (outputMultiplier.Shift > 0)
        {
            throw ctx.Fail(output, $"scale {outQ.Scale} is too small for the input scale {inQ.Scale}: the output multiplier exponent {outputMultiplier.Shift} must not be positive");
        }
        var reluishMultiplier = QuantizedMultiplier.FromDouble(hiresInputScale / reluishScale);
        return new HardSwishData(input.Index, output.Index, input.Type, inQ.ZeroPoint, outQ.ZeroPoint,
            ActivationScalingRules.DownScaleInt32ToInt16Multiplier(reluishMultiplier.Multiplier), reluishMultiplier.Shift,
            ActivationScalingRules.DownScaleInt32ToInt16Multiplier(outputMultiplier.Multiplier), outputMultiplier.Shift);
    }

    protected override void Eval(HardSwishData d, TensorBuffers buffers)
    {
        if (d.Type == DataType.Int8)
        {
            HardSwishKernels.HardSwishInt8(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
        }
        else
        {
            HardSwishKernels.HardSwishFloat(buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
        }
    }
}
