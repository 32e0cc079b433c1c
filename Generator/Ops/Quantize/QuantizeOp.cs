using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Quantize;

/// <summary>
/// QUANTIZE (TFLM quantize_common.cc): float32 -> int8/int16 by AffineQuantize, and the integer requantizations TFLM
/// micro evaluates (int8 -> int8/uint8/int16/int32, int16 -> int8/int16/int32, uint8 -> int8, int32 -> int8/int16),
/// with the multiplier input_scale / output_scale formed in double. Output quantization is per-tensor.
/// </summary>
public sealed class QuantizeOp : OperatorDefinition<QuantizeData>
{
    private static readonly (DataType Input, DataType Output)[] Requantizations =
    [
        (DataType.Int8, DataType.Int8), (DataType.Int8, DataType.UInt8), (DataType.Int8, DataType.Int16), (DataType.Int8, DataType.Int32),
        (DataType.Int16, DataType.Int8), (DataType.Int16, DataType.Int16), (DataType.Int16, DataType.Int32),
        (DataType.UInt8, DataType.Int8),
        (DataType.Int32, DataType.Int8), (DataType.Int32, DataType.Int16),
    ];

    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Quantize];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override QuantizeData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.UInt8, DataType.Int32);
        ctx.RequireType(output, DataType.Int8, DataType.Int16, DataType.UInt8, DataType.Int32);
        ctx.RequireShape(output, input.Shape.ToArray());
        var outQ = ctx.RequirePerTensorQuantization(output);
        if (input.Type == DataType.Float32)
        {
            if (output.Type is not (DataType.Int8 or DataType.Int16))
            {
                throw ctx.Fail(output, "quantizing float32 is supported to int8 and int16 only");
            }
            return new QuantizeData(input.Index, output.Index, input.Type, output.Type, IsAffineQuantize: true,
                outQ.Scale, 0, outQ.ZeroPoint, 0, 0);
        }
        if (!Requantizations.Contains((input.Type, output.Type)))
        {
            throw ctx.Fail(output, $"requantizing {input.Type.DisplayName()} to {output.Type.DisplayName()} is not supported");
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var multiplier = QuantizedMultiplier.FromDouble((double)inQ.Scale / outQ.Scale);
        return new QuantizeData(input.Index, output.Index, input.Type, output.Type, IsAffineQuantize: false,
            outQ.Scale, inQ.ZeroPoint, outQ.ZeroPoint, multiplier.Multiplier, multiplier.Shift);
    }

    protected override void Eval(QuantizeData d, TensorBuffers buffers)
    {
        if (d.IsAffineQuantize)
        {
            var input = buffers.Read<float>(d.Input);
            if (d.OutputType == DataType.Int8)
            {
                QuantizationKernels.AffineQuantize(input, d.OutputScale, d.OutputZeroPoint, buffers.Write<sbyte>(d.Output));
            }
            else
            {
                QuantizationKernels.AffineQuantize(input, d.OutputScale, d.OutputZeroPoint, buffers.Write<short>(d.Output));
            }
            return;
        }
        switch (d.InputType)
        {
            case DataType.Int8:
                RequantizeTo(d, buffers.Read<sbyte>(d.Input), buffers);
                break;
            case DataType.Int16:
                RequantizeTo(d, buffers.Read<short>(d.Input), buffers);
                break;
            case DataType.UInt8:
                RequantizeTo(d, buffers.Read<byte>(d.Input), buffers);
                break;
            default:
                RequantizeTo(d, buffers.Read<int>(d.Input), buffers);
                break;
        }
    }

    private static void RequantizeTo<TIn>(QuantizeData d, ReadOnlySpan<TIn> input, TensorBuffers buffers)
        where TIn : unmanaged, System.Numerics.IBinaryInteger<TIn>
    {
        switch (d.OutputType)
        {
            case DataType.Int8:
                QuantizationKernels.Requantize(d, input, buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                QuantizationKernels.Requantize(d, input, buffers.Write<short>(d.Output));
                break;
            case DataType.UInt8:
                QuantizationKernels.Requantize(d, input, buffers.Write<byte>(d.Output));
                break;
            default:
                QuantizationKernels.Requantize(d, input, buffers.Write<int>(d.Output));
                break;
        }
    }
}
