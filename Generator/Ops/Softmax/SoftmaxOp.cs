using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Softmax;

/// <summary>
/// SOFTMAX over the last dimension (TFLM softmax_common.cc): float32; int8 -> int8 (output 1/256, zero point -128)
/// and int8 -> int16 (output 1/65536, zero point -32768) through gemmlowp's exp and reciprocal; int16 -> int16
/// (zero points 0, output 1/32768) through TFLM's interpolated exp and 1/(1+x) tables.
/// </summary>
public sealed class SoftmaxOp : OperatorDefinition<SoftmaxData>
{
    /// <summary>Integer bits of the Q5.26 format the int8 kernel feeds to exp_on_negative_values.</summary>
    private const int ScaledDiffIntegerBits = 5;

    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Softmax];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override SoftmaxData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var beta = ctx.Options<SoftmaxOptions>().Beta;
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        if (input.Shape.Length < 1)
        {
            throw ctx.Fail(input, "must have at least one dimension");
        }
        ctx.RequireShape(output, input.Shape.ToArray());
        if (input.Type == DataType.Int8)
        {
            ctx.RequireType(output, DataType.Int8, DataType.Int16);
        }
        else
        {
            ctx.RequireSameType(input, output);
        }
        var depth = input.Shape[^1];
        var outerSize = depth == 0 ? 0 : (int)(input.ElementCount / depth);
        if (input.Type == DataType.Float32)
        {
            return new SoftmaxData(input.Index, output.Index, input.Type, output.Type, outerSize, depth, 0, 0, 0, [], [], beta);
        }

        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        if (input.Type == DataType.Int16)
        {
            RequireZeroPoint(ctx, input, inQ, 0);
            RequireZeroPoint(ctx, output, outQ, 0);
            RequireScaleNear(ctx, output, outQ.Scale, 1f / 32768);
            // Input differences in [-65535, 0] are mapped onto the exp table's [-10, 0].
            var rescale = QuantizedMultiplier.FromDouble((double)inQ.Scale * beta / (10.0 / 65535.0));
            const int range = short.MaxValue - short.MinValue;
            var expTable = Int16LookupTable.Populate(MathF.Exp, 10.0f / range, short.MaxValue, 2.0f / range, 0);
            var reciprocalTable = Int16LookupTable.Populate(x => 1.0f / (1.0f + x), 1.0f / range, short.MinValue, 2.0f / range, 0);
            return new SoftmaxData(input.Index, output.Index, input.Type, output.Type, outerSize, depth,
                rescale.Multiplier, rescale.Shift, 0, expTable, reciprocalTable, 0);
        }

        if (output.Type == DataType.Int16)
        {
            RequireZeroPoint(ctx, output, outQ, short.MinValue);
            RequireScaleNear(ctx, output, outQ.Scale, 1f / 65536);
        }
        else
        {
            RequireZeroPoint(ctx, output, outQ, sbyte.MinValue);
            if (outQ.Scale != 1f / 256)
            {
                throw ctx.Fail(output, $"scale {outQ.Scale} must be exactly 1/256");
            }
        }
        // PreprocessSoftmaxScaling: beta * input_scale scaled to Q5.26, capped at 2^31 - 1, must exceed 1.
        var realMultiplier = Math.Min((double)beta * inQ.Scale * (1 << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
        if (!(realMultiplier > 1.0))
        {
            throw ctx.Fail(input, $"beta {beta} times the input scale is too small for the int8 softmax (beta * scale * 2^26 = {realMultiplier} must exceed 1)");
        }
        var multiplier = QuantizedMultiplier.FromDouble(realMultiplier);
        var diffMin = (int)(-1.0 * ActivationScalingRules.CalculateInputRadius(ScaledDiffIntegerBits, multiplier.Shift));
        return new SoftmaxData(input.Index, output.Index, input.Type, output.Type, outerSize, depth,
            multiplier.Multiplier, multiplier.Shift, diffMin, [], [], 0);
    }

    protected override void Eval(SoftmaxData d, TensorBuffers buffers)
    {
        switch (d.InputType)
        {
            case DataType.Float32:
                SoftmaxKernels.SoftmaxFloat(d, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
            case DataType.Int16:
                SoftmaxKernels.SoftmaxInt16(d, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            default:
                if (d.OutputType == DataType.Int16)
                {
                    SoftmaxKernels.SoftmaxInt8(d, buffers.Read<sbyte>(d.Input), buffers.Write<short>(d.Output));
                }
                else
                {
                    SoftmaxKernels.SoftmaxInt8(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                }
                break;
        }
    }

    private static void RequireZeroPoint(OpContext ctx, Tensor tensor, Quantization q, int expected)
    {
        if (q.ZeroPoint != expected)
        {
            throw ctx.Fail(tensor, $"zero point {q.ZeroPoint} must be {expected}");
        }
    }

    /// <summary>TF_LITE_ENSURE_NEAR(scale, expected, expected / 1000), evaluated in float as TFLM does.</summary>
    private static void RequireScaleNear(OpContext ctx, Tensor tensor, float scale, float expected)
    {
        var tolerance = 0.001f * expected;
        if (MathF.Abs(scale - expected) > tolerance)
        {
            throw ctx.Fail(tensor, $"scale {scale} must be {expected} (within {tolerance})");
        }
    }

    protected override KernelCall Lower(OpContext ctx, SoftmaxData d, StorageOption storage, TargetFeatures target)
    {
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        var rows = new (string, KernelValue)[] { ("outer", KernelValue.Of(d.OuterSize)), ("depth", KernelValue.Of(d.Depth)) };
        var step = ctx.Op.Index;
        return d.InputType switch
        {
            DataType.Int8 => KernelCall.Create($"mg_softmax_s8_{ActivationLowering.Suffix(d.OutputType)}", "mg_softmax_s8_params",
            [
                .. rows,
                ("input_multiplier", KernelValue.Of(d.InputMultiplier)), ("input_left_shift", KernelValue.Of(d.InputLeftShift)),
                ("diff_min", KernelValue.Of(d.DiffMin)),
            ],
            operands, "kernels/mg_softmax.c"),
            DataType.Int16 => KernelCall.Create("mg_softmax_s16", "mg_softmax_s16_params",
            [
                .. rows,
                ("input_multiplier", KernelValue.Of(d.InputMultiplier)), ("input_left_shift", KernelValue.Of(d.InputLeftShift)),
                ("exp_table", ActivationLowering.Int16Table($"op{step}_exp_table", d.ExpTable)),
                ("reciprocal_table", ActivationLowering.Int16Table($"op{step}_reciprocal_table", d.ReciprocalTable)),
            ],
            operands, "kernels/mg_softmax.c"),
            _ => KernelCall.Create("mg_softmax_f32", "mg_softmax_f32_params", [.. rows, ("beta", KernelValue.Of(d.Beta))], operands,
                "kernels/mg_softmax_f32.c", "kernels/mg_expf.c"),
        };
    }
}
