using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Tanh;

/// <summary>
/// TANH (TFLM tanh.cc): float32; int8 through gemmlowp's fixed-point tanh (TFLM checks neither the output zero point
/// nor its scale: the kernel produces steps of 1/128 around 0); int16 with zero points 0 and output scale 2^-15
/// through the interpolated sigmoid table.
/// </summary>
public sealed class TanhOp : OperatorDefinition<TanhData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Tanh];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

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
                ElementwiseRows.Run<sbyte, sbyte>(d.Walk, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output),
                    (input, output) => TanhKernels.TanhInt8(d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift, input, output));
                break;
            case DataType.Int16:
                ElementwiseRows.Run<short, short>(d.Walk, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output),
                    (input, output) => TanhKernels.TanhInt16(d.InputMultiplier, d.InputLeftShift, input, output));
                break;
            default:
                ElementwiseRows.Run<float, float>(d.Walk, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output),
                    (input, output) => TanhKernels.TanhFloat(input, output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, TanhData d, StorageOption storage, TargetFeatures target)
    {
        var walk = ActivationLowering.Walk(d.Walk, ctx.Output(0));
        var operands = ActivationLowering.InputOutput(d.Input, d.Output);
        return d.Type == DataType.Float32
            ? KernelCall.Create("mg_tanh_f32", "mg_unary_f32_params", walk, operands, "kernels/mg_tanh_f32.c")
                with { Libraries = ActivationLowering.MathLibrary }
            : LogisticTanhLowering.Integer("tanh", d.Type, d.InputZeroPoint, d.InputRangeRadius, d.InputMultiplier, d.InputLeftShift, walk, operands);
    }

    public bool CanPatch(OpContext ctx, object data) => UnaryPatching.CanPatch(ctx);

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) => UnaryPatching.Required(inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output) =>
        ((TanhData)data) with { Walk = UnaryPatching.ForPatch(inputs[0], output, ctx.Output(0).Shape[3]) };

    public double MacsPerOutputPixel(OpContext ctx, object data) => UnaryPatching.CostPerOutputPixel(ctx);
}
