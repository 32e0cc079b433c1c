using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Dequantize;

/// <summary>
/// DEQUANTIZE (TFLM dequantize_common.cc): int8, int16 or uint8 with per-tensor quantization to float32, computed in
/// double as reference_ops::Dequantize does.
/// </summary>
public sealed class DequantizeOp : OperatorDefinition<DequantizeData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Dequantize];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

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
        switch (d.InputType)
        {
            case DataType.Int8:
                ElementwiseRows.Run<sbyte, float>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => QuantizationKernels.Dequantize(input, d.Scale, d.ZeroPoint, output));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<short, float>(d.Walk, buffers.Read<short>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => QuantizationKernels.Dequantize(input, d.Scale, d.ZeroPoint, output));
                break;
            default:
                ElementwiseRows.Run<byte, float>(d.Walk, buffers.Read<byte>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => QuantizationKernels.Dequantize(input, d.Scale, d.ZeroPoint, output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, DequantizeData d, StorageOption storage, TargetFeatures target) =>
        KernelCall.Create($"mg_dequantize_{ActivationLowering.Suffix(d.InputType)}_f32", "mg_dequantize_params",
            [.. ActivationLowering.Walk(d.Walk, ctx.Output(0)), ("scale", KernelValue.Of((float)d.Scale)), ("zero_point", KernelValue.Of(d.ZeroPoint))],
            ActivationLowering.InputOutput(d.Input, d.Output), "kernels/mg_dequantize.c");

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((DequantizeData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
