using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Logistic;

/// <summary>
/// LOGISTIC (TFLM logistic_common.cc): float32; int8 with output zero point -128 through gemmlowp's fixed-point
/// logistic (TFLM does not check the output scale: the kernel produces steps of 1/256); int16 with zero points 0 and
/// output scale 2^-15 through the interpolated sigmoid table.
/// </summary>
public sealed class LogisticOp : OperatorDefinition<LogisticData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Logistic];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

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
                LogisticKernels.LogisticInt8(d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift,
                    buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                LogisticKernels.LogisticInt16(d.InputMultiplier, d.InputLeftShift, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            default:
                LogisticKernels.LogisticFloat(buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
        }
    }
}
