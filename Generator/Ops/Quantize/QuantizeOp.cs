using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Quantize;

/// <summary>
/// QUANTIZE (TFLM quantize_common.cc): float32 -> int8/int16 by AffineQuantize, and the integer requantizations TFLM
/// micro evaluates (int8 -> int8/uint8/int16/int32, int16 -> int8/int16/int32, uint8 -> int8, int32 -> int8/int16),
/// with the multiplier input_scale / output_scale formed in double. Output quantization is per-tensor.
/// </summary>
public sealed class QuantizeOp : OperatorDefinition<QuantizeData>, IPatchableOperator
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

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

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
            if (d.OutputType == DataType.Int8)
            {
                ElementwiseRows.Run<float, sbyte>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => QuantizationKernels.AffineQuantize(input, d.OutputScale, d.OutputZeroPoint, output));
            }
            else
            {
                ElementwiseRows.Run<float, short>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<short>(d.Output),
                    (input, output) => QuantizationKernels.AffineQuantize(input, d.OutputScale, d.OutputZeroPoint, output));
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
                ElementwiseRows.Run<TIn, sbyte>(d.Walk, input, buffers.Write<sbyte>(d.Output), (i, o) => QuantizationKernels.Requantize(d, i, o));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<TIn, short>(d.Walk, input, buffers.Write<short>(d.Output), (i, o) => QuantizationKernels.Requantize(d, i, o));
                break;
            case DataType.UInt8:
                ElementwiseRows.Run<TIn, byte>(d.Walk, input, buffers.Write<byte>(d.Output), (i, o) => QuantizationKernels.Requantize(d, i, o));
                break;
            default:
                ElementwiseRows.Run<TIn, int>(d.Walk, input, buffers.Write<int>(d.Output), (i, o) => QuantizationKernels.Requantize(d, i, o));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, QuantizeData d, StorageOption storage, TargetFeatures target)
    {
        var output = ctx.Output(0);
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        if (d.IsAffineQuantize)
        {
            return KernelCall.Create($"mg_quantize_f32_{ActivationLowering.Suffix(d.OutputType)}", "mg_quantize_f32_params",
                [.. ActivationLowering.Walk(d.Walk, output), ("scale", KernelValue.Of(d.OutputScale)), ("zero_point", KernelValue.Of(d.OutputZeroPoint))],
                operands, "kernels/mg_quantize.c") with { Libraries = ActivationLowering.MathLibrary };
        }
        return KernelCall.Create($"mg_requantize_{ActivationLowering.Suffix(d.InputType)}_{ActivationLowering.Suffix(d.OutputType)}", "mg_requantize_params",
        [
            .. ActivationLowering.Walk(d.Walk, output),
            ("input_zero_point", KernelValue.Of(d.InputZeroPoint)), ("output_zero_point", KernelValue.Of(d.OutputZeroPoint)),
            ("multiplier", KernelValue.Of(d.Multiplier)), ("shift", KernelValue.Of(d.Shift)),
        ],
        operands, "kernels/mg_requantize.c");
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((QuantizeData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
