using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Relu;

/// <summary>
/// The RELU family. RELU (TFLM activations_common.cc): float32; int8 and int16 (zero points 0) requantized by
/// input_scale / output_scale (divided in float) and clamped below at the output zero point.
/// RELU6 (TFLM Relu6Prepare/Relu6Quantized): float32; int8 and int16 clamped to [zero point, quantized 6] on the input
/// scale, without requantization (TFLM ignores the output quantization).
/// RELU_N1_TO_1 (absent from TFLM micro; TFLite's Relu1Eval): float32; int8 requantized as RELU and clamped to the
/// output's quantized [-1, 1].
/// </summary>
public sealed class ReluOp : OperatorDefinition<ReluData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Relu, OpKind.Relu6, OpKind.ReluN1To1];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

    protected override ReluData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var kind = ctx.Op.Kind;
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        if (kind == OpKind.ReluN1To1)
        {
            ctx.RequireType(input, DataType.Float32, DataType.Int8);
        }
        else
        {
            ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        }
        ctx.RequireSameType(input, output);
        ctx.RequireShape(output, input.Shape.ToArray());
        if (input.Type == DataType.Float32)
        {
            var (floatMin, floatMax) = kind switch
            {
                OpKind.Relu => (0f, float.PositiveInfinity),
                OpKind.Relu6 => (0f, 6f),
                _ => (-1f, 1f),
            };
            return new ReluData(input.Index, output.Index, input.Type, false, 0, 0, 0, 0, 0, 0, floatMin, floatMax);
        }

        var (typeMin, typeMax) = input.Type == DataType.Int8 ? (sbyte.MinValue, (int)sbyte.MaxValue) : (short.MinValue, (int)short.MaxValue);
        var inQ = ctx.RequirePerTensorQuantization(input);
        if (kind == OpKind.Relu6)
        {
            var six = ActivationScalingRules.FloatToQuantized(6.0f, inQ.Scale, inQ.ZeroPoint, typeMin, typeMax);
            return new ReluData(input.Index, output.Index, input.Type, true, inQ.ZeroPoint, inQ.ZeroPoint, 0, 0,
                inQ.ZeroPoint, six, 0, 0);
        }

        var outQ = ctx.RequirePerTensorQuantization(output);
        if (input.Type == DataType.Int16)
        {
            if (inQ.ZeroPoint != 0)
            {
                throw ctx.Fail(input, $"zero point {inQ.ZeroPoint} must be 0 for int16");
            }
            if (outQ.ZeroPoint != 0)
            {
                throw ctx.Fail(output, $"zero point {outQ.ZeroPoint} must be 0 for int16");
            }
        }
        var multiplier = QuantizedMultiplier.FromDouble(inQ.Scale / outQ.Scale);
        int activationMin;
        int activationMax;
        if (kind == OpKind.Relu)
        {
            activationMin = Math.Max(typeMin, outQ.ZeroPoint + QuantizeBound(ctx, output, 0.0f, outQ.Scale));
            activationMax = typeMax;
        }
        else
        {
            activationMin = Math.Max(typeMin, outQ.ZeroPoint + QuantizeBound(ctx, output, -1.0f, outQ.Scale));
            activationMax = Math.Min(typeMax, outQ.ZeroPoint + QuantizeBound(ctx, output, 1.0f, outQ.Scale));
        }
        return new ReluData(input.Index, output.Index, input.Type, false, inQ.ZeroPoint, outQ.ZeroPoint,
            multiplier.Multiplier, multiplier.Shift, activationMin, activationMax, 0, 0);
    }

    protected override void Eval(ReluData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                ElementwiseRows.Run<sbyte, sbyte>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => ReluKernels.ReluQuantized(d, input, output));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<short, short>(d.Walk, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output),
                    (input, output) => ReluKernels.ReluQuantized(d, input, output));
                break;
            default:
                ElementwiseRows.Run<float, float>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => ReluKernels.ReluFloat(d, input, output));
                break;
        }
    }

    /// <summary>(int)roundf(bound / scale), the quotient in float; a quotient beyond int32 is rejected.</summary>
    private static int QuantizeBound(OpContext ctx, Tensor output, float bound, float scale)
    {
        var rounded = MathF.Round(bound / scale, MidpointRounding.AwayFromZero);
        if (!(rounded >= int.MinValue && rounded <= int.MaxValue))
        {
            throw ctx.Fail(output, $"activation bound {bound} does not quantize to an int32 with scale {scale}");
        }
        return (int)rounded;
    }

    protected override KernelCall Lower(OpContext ctx, ReluData d, StorageOption storage, TargetFeatures target)
    {
        var walk = ActivationLowering.Walk(d.Walk, ctx.Output(0));
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        if (d.Type == DataType.Float32)
        {
            // RELU has no upper bound: +infinity has no C literal, has_max 0 stands for it.
            var hasMax = !float.IsPositiveInfinity(d.FloatMax);
            return KernelCall.Create("mg_relu_f32", "mg_relu_f32_params",
                [.. walk, ("min", KernelValue.Of(d.FloatMin)), ("max", KernelValue.Of(hasMax ? d.FloatMax : 0f)), ("has_max", KernelValue.Of(hasMax ? 1 : 0))],
                operands, "kernels/mg_relu.c");
        }
        return KernelCall.Create($"mg_relu_{ActivationLowering.Suffix(d.Type)}", "mg_relu_params",
        [
            .. walk,
            ("clamp_only", KernelValue.Of(d.IsClampOnly ? 1 : 0)),
            ("input_zero_point", KernelValue.Of(d.InputZeroPoint)), ("output_zero_point", KernelValue.Of(d.OutputZeroPoint)),
            ("multiplier", KernelValue.Of(d.Multiplier)), ("shift", KernelValue.Of(d.Shift)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
        ],
        operands, "kernels/mg_relu.c");
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((ReluData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
