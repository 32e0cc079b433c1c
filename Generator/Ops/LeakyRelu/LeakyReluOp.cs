using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.LeakyRelu;

/// <summary>
/// LEAKY_RELU (TFLM leaky_relu_common.cc): float32, int8 and int16 with per-tensor quantization. Both multipliers are
/// scale ratios formed in float (input_scale * alpha / output_scale and input_scale / output_scale) then quantized.
/// </summary>
public sealed class LeakyReluOp : OperatorDefinition<LeakyReluData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.LeakyRelu];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

    protected override LeakyReluData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var alpha = ctx.Options<LeakyReluOptions>().Alpha;
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(input, output);
        ctx.RequireShape(output, input.Shape.ToArray());
        if (input.Type == DataType.Float32)
        {
            return new LeakyReluData(input.Index, output.Index, input.Type, 0, 0, 0, 0, 0, 0, alpha);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var alphaMultiplier = QuantizedMultiplier.FromDouble(inQ.Scale * alpha / outQ.Scale);
        var identityMultiplier = QuantizedMultiplier.FromDouble(inQ.Scale / outQ.Scale);
        return new LeakyReluData(input.Index, output.Index, input.Type, inQ.ZeroPoint, outQ.ZeroPoint,
            identityMultiplier.Multiplier, identityMultiplier.Shift, alphaMultiplier.Multiplier, alphaMultiplier.Shift, alpha);
    }

    protected override void Eval(LeakyReluData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                ElementwiseRows.Run<sbyte, sbyte>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => LeakyReluKernels.LeakyReluQuantized(d, input, output));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<short, short>(d.Walk, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output),
                    (input, output) => LeakyReluKernels.LeakyReluQuantized(d, input, output));
                break;
            default:
                ElementwiseRows.Run<float, float>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => LeakyReluKernels.LeakyReluFloat(d.Alpha, input, output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, LeakyReluData d, StorageOption storage, TargetFeatures target)
    {
        var walk = ActivationLowering.Walk(d.Walk, ctx.Output(0));
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        if (d.Type == DataType.Float32)
        {
            return KernelCall.Create("mg_leaky_relu_f32", "mg_leaky_relu_f32_params", [.. walk, ("alpha", KernelValue.Of(d.Alpha))],
                operands, "kernels/mg_relu.c");
        }
        return KernelCall.Create($"mg_leaky_relu_{ActivationLowering.Suffix(d.Type)}", "mg_leaky_relu_params",
        [
            .. walk,
            ("input_zero_point", KernelValue.Of(d.InputZeroPoint)), ("output_zero_point", KernelValue.Of(d.OutputZeroPoint)),
            ("identity_multiplier", KernelValue.Of(d.IdentityMultiplier)), ("identity_shift", KernelValue.Of(d.IdentityShift)),
            ("alpha_multiplier", KernelValue.Of(d.AlphaMultiplier)), ("alpha_shift", KernelValue.Of(d.AlphaShift)),
        ],
        operands, "kernels/mg_relu.c");
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((LeakyReluData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
