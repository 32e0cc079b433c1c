using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.MaximumMinimum;

/// <summary>
/// MAXIMUM and MINIMUM: elementwise with NumPy broadcasting, on int8, int16, int32 or float32. TFLM compares the raw
/// stored values and never rescales (maximum_minimum.cc has no Prepare), so neither does this: quantized inputs and
/// output are expected to share scale and zero point, as the TFLite converter guarantees.
/// </summary>
public sealed class MaximumMinimumOp : BroadcastBinaryOperator<MaximumMinimumData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Maximum, OpKind.Minimum];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override MaximumMinimumData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var input1 = ctx.Input(0);
        var input2 = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(output, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Float32);
        ctx.RequireSameType(output, input1);
        ctx.RequireSameType(output, input2);
        var (view1, view2) = BroadcastShapes.Views(ctx, input1, input2, output);
        return new MaximumMinimumData(ctx.Op.Kind == OpKind.Maximum, output.Type, input1.Index, input2.Index, output.Index, view1, view2);
    }

    protected override void Eval(MaximumMinimumData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                MaximumMinimumKernels.Apply(d, buffers.Read<sbyte>(d.Input1), buffers.Read<sbyte>(d.Input2), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                MaximumMinimumKernels.Apply(d, buffers.Read<short>(d.Input1), buffers.Read<short>(d.Input2), buffers.Write<short>(d.Output));
                break;
            case DataType.Int32:
                MaximumMinimumKernels.Apply(d, buffers.Read<int>(d.Input1), buffers.Read<int>(d.Input2), buffers.Write<int>(d.Output));
                break;
            default:
                MaximumMinimumKernels.Apply(d, buffers.Read<float>(d.Input1), buffers.Read<float>(d.Input2), buffers.Write<float>(d.Output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, MaximumMinimumData d, StorageOption storage, TargetFeatures target) =>
        KernelCall.Create($"mg_{(d.IsMaximum ? "maximum" : "minimum")}_{KernelNames.TypeSuffix(d.Type)}", "mg_maximum_minimum_params",
            BroadcastLowering.Fields(ctx, d.Input1View, d.Input2View),
            [KernelOperand.ForTensor(d.Input1), KernelOperand.ForTensor(d.Input2), KernelOperand.ForTensor(d.Output)],
            "kernels/mg_maximum_minimum.c", "kernels/mg_broadcast.c");
}
