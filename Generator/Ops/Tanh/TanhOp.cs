using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Tanh;

/// <summary>
/// TANH (TFLM tanh.cc): float32; int8 through gemmlowp's fixed-point tanh (TFLM checks neither the output zero point
/// nor its scale: the kernel produces steps of 1/128 around 0); int16 with zero points 0 and output scale 2^-15
/// through the interpolated sigmoid table.
/// </summary>
public sealed class TanhOp : OperatorDefinition<TanhData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Tanh];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override TanhData PrepareData(OpContext ctx)
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
                var (multiplier, shift, radius) = LogisticTanhScaling.Int8(ctx, input);
                return new TanhData(input.Index, output.Index, input.Type, input.Quantization!.ZeroPoint, radius, multiplier, shift);
            }
            case DataType.Int16:
            {
                var (multiplier, shift) = LogisticTanhScaling.Int16(ctx, input, output, 0, 1);
                return new TanhData(input.Index, output.Index, input.Type, 0, 0, multiplier, shift);
            }
            default:
                return new TanhData(input.Index, output.Index, input.Type, 0, 0, 0, 0);
        }
    }

    protected override void Eval(TanhData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                TanhKernels.TanhInt8(d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift,
                    buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                TanhKernels.TanhInt16(d.InputMultiplier, d.InputLeftShift, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            default:
                TanhKernels.TanhFloat(buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
        }
    }
}
