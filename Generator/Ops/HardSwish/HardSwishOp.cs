using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.HardSwish;

/// <summary>
/// HARD_SWISH, x * relu6(x + 3) / 6 (TFLM hard_swish_common.cc): float32, and int8 through TFLite's 16-bit
/// fixed-point reference with its reluish and output multipliers (the scale ratios formed in float).
/// </summary>
public sealed class HardSwishOp : OperatorDefinition<HardSwishData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.HardSwish];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

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
            ElementwiseRows.Run<sbyte, sbyte>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => HardSwishKernels.HardSwishInt8(d, input, output));
        }
        else
        {
            ElementwiseRows.Run<float, float>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => HardSwishKernels.HardSwishFloat(input, output));
        }
    }

    protected override KernelCall Lower(OpContext ctx, HardSwishData d, StorageOption storage, TargetFeatures target)
    {
        var walk = ActivationLowering.Walk(d.Walk, ctx.Output(0));
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        if (d.Type == DataType.Float32)
        {
            return KernelCall.Create("mg_hard_swish_f32", "mg_unary_f32_params", walk, operands, "kernels/mg_hard_swish.c");
        }
        return KernelCall.Create("mg_hard_swish_s8", "mg_hard_swish_s8_params",
        [
            .. walk,
            ("input_zero_point", KernelValue.Of(d.InputZeroPoint)), ("output_zero_point", KernelValue.Of(d.OutputZeroPoint)),
            ("reluish_multiplier", KernelValue.Of(d.ReluishMultiplier)), ("reluish_exponent", KernelValue.Of(d.ReluishExponent)),
            ("output_multiplier", KernelValue.Of(d.OutputMultiplier)), ("output_exponent", KernelValue.Of(d.OutputExponent)),
        ],
        operands, "kernels/mg_hard_swish.c");
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((HardSwishData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
