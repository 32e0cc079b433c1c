using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Dequantize;

/// <summary>
/// DEQUANTIZE (TFLM dequantize_common.cc): int8, int16 or uint8 with per-tensor quantization to float32, computed in
/// double as reference_ops::Dequantize does.
/// </summary>
public sealed class DequantizeOp : OperatorDefinition<DequantizeData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Dequantize];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override DequantizeData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Int16, DataType.UInt8);
        ctx.RequireType(output, DataType.Float32);
        ctx.RequireShape(output, input.Shape.ToArray());
        // TFLM reads the per-tensor parameters only; a per-channel input would be dequantized with channel 0's scale.
        var q = ctx.RequirePerTensorQuantization(input);
        return new DequantizeData(input.Index, output.Index, input.Type, q.Scale, q.ZeroPoint);
    }

    protected override void Eval(DequantizeData d, TensorBuffers buffers)
    {
        var output = buffers.Write<float>(d.Output);
        switch (d.InputType)
        {
            case DataType.Int8:
                QuantizationKernels.Dequantize(buffers.Read<sbyte>(d.Input), d.Scale, d.ZeroPoint, output);
                break;
            case DataType.Int16:
                QuantizationKernels.Dequantize(buffers.Read<short>(d.Input), d.Scale, d.ZeroPoint, output);
                break;
            default:
                QuantizationKernels.Dequantize(buffers.Read<byte>(d.Input), d.Scale, d.ZeroPoint, output);
                break;
        }
    }
}
