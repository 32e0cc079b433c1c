using MicroGen.Planning.Patches;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Mul;

/// <summary>
/// MUL: two inputs broadcast NumPy-style (up to 6-D) to the output; int8, int16 (all zero points 0, as TFLM requires)
/// or float32, with a fused RELU / RELU6 / RELU_N1_TO_1.
/// </summary>
public sealed class MulOp : OperatorDefinition<MulData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Mul];

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx) => ctx.Output(0).ElementCount;

    protected override MulData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var options = ctx.Options<ActivationOptions>();
        var input1 = ctx.Input(0);
        var input2 = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(output, DataType.Int8, DataType.Int16, DataType.Float32);
        ctx.RequireSameType(output, input1);
        ctx.RequireSameType(output, input2);
        var (view1, view2) = BroadcastShapes.Views(ctx, input1, input2, output);
        if (output.Type == DataType.Float32)
        {
            var (fmin, fmax) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
            return new MulData(output.Type, input1.Index, input2.Index, output.Index, view1, view2, 0, 0, 0, 0, 0, 0, 0, fmin, fmax);
        }
        var q1 = ctx.RequirePerTensorQuantization(input1);
        var q2 = ctx.RequirePerTensorQuantization(input2);
        var qOut = ctx.RequirePerTensorQuantization(output);
        if (output.Type == DataType.Int16)
        {
            foreach (var tensor in new[] { input1, input2, output })
            {
                if (tensor.Quantization!.ZeroPoint != 0)
                {
                    throw ctx.Fail(tensor, "int16 MUL requires zero point 0");
                }
            }
        }
        var (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        // mul_common.cc: real_multiplier = double(s1) * double(s2) / double(so).
        var multiplier = QuantizedMultiplier.FromDouble((double)q1.Scale * q2.Scale / qOut.Scale);
        return new MulData(output.Type, input1.Index, input2.Index, output.Index, view1, view2,
            -q1.ZeroPoint, -q2.ZeroPoint, qOut.ZeroPoint, multiplier.Multiplier, multiplier.Shift, min, max, 0, 0);
    }

    protected override void Eval(MulData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                MulKernels.QuantizedInt8(d, buffers.Read<sbyte>(d.Input1), buffers.Read<sbyte>(d.Input2), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                MulKernels.QuantizedInt16(d, buffers.Read<short>(d.Input1), buffers.Read<short>(d.Input2), buffers.Write<short>(d.Output));
                break;
            default:
                MulKernels.Float(d, buffers.Read<float>(d.Input1), buffers.Read<float>(d.Input2), buffers.Write<float>(d.Output));
                break;
        }
    }

    public bool CanPatch(OpContext ctx, object data)
    {
        var d = (MulData)data;
        return ElementwisePatching.CanPatch(ctx, d.Input1View, d.Input2View);
    }

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output)
    {
        var d = (MulData)data;
        return ElementwisePatching.Required(inputIndex == 0 ? d.Input1View : d.Input2View, output);
    }

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output)
    {
        var d = (MulData)data;
        var channels = ctx.Output(0).Shape[3];
        return d with
        {
            Input1View = ElementwisePatching.ForPatch(d.Input1View, inputs[0], output, channels),
            Input2View = ElementwisePatching.ForPatch(d.Input2View, inputs[1], output, channels),
        };
    }

    public double MacsPerOutputPixel(OpContext ctx, object data) =>
        (double)CountMacs(ctx) / ((long)ctx.Output(0).Shape[1] * ctx.Output(0).Shape[2]);
}
