using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Logistic;

/// <summary>
/// LOGISTIC (TFLM logistic_common.cc): float32; int8 with output zero point -128 through gemmlowp's fixed-point
/// logistic (TFLM does not check the output scale: the kernel produces steps of 1/256); int16 with zero points 0 and
/// output scale 2^-15 through the interpolated sigmoid table.
/// </summary>
public sealed class LogisticOp : OperatorDefinition<LogisticData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Logistic];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

    protected override LogisticData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(input, output);
        ctx.RequireShape(output, input.Shape.ToArray());
        switch (input.Type)
        {
            case DataType.Int8:
            {
                var outQ = ctx.RequirePerTensorQuantization(output);
                if (outQ.ZeroPoint != sbyte.MinValue)
                {
                    throw ctx.Fail(output, $"zero point {outQ.ZeroPoint} must be -128");
                }
                var (multiplier, shift, radius) = LogisticTanhScaling.Int8(ctx, input);
                return new LogisticData(input.Index, output.Index, input.Type, input.Quantization!.ZeroPoint, radius, multiplier, shift);
            }
            case DataType.Int16:
            {
                var (multiplier, shift) = LogisticTanhScaling.Int16(ctx, input, output, 0);
                return new LogisticData(input.Index, output.Index, input.Type, 0, 0, multiplier, shift);
            }
            default:
                return new LogisticData(input.Index, output.Index, input.Type, 0, 0, 0, 0);
        }
    }

    protected override void Eval(LogisticData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                ElementwiseRows.Run<sbyte, sbyte>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => LogisticKernels.LogisticInt8(d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift, input, output));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<short, short>(d.Walk, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output),
                    (input, output) => LogisticKernels.LogisticInt16(d.InputMultiplier, d.InputLeftShift, input, output));
                break;
            default:
                ElementwiseRows.Run<float, float>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => LogisticKernels.LogisticFloat(input, output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, LogisticData d, StorageOption storage, TargetFeatures target)
    {
        var walk = ActivationLowering.Walk(d.Walk, ctx.Output(0));
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        return d.Type == DataType.Float32
            ? KernelCall.Create("mg_logistic_f32", "mg_unary_f32_params", walk, operands, "kernels/mg_logistic_f32.c", "kernels/mg_expf.c")
            : LogisticTanhLowering.Integer("logistic", d.Type, d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift, walk, operands);
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((LogisticData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
