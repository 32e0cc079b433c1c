using MicroGen.Emit;
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
public sealed class MulOp : BroadcastBinaryOperator<MulData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Mul];

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

    protected override KernelCall Lower(OpContext ctx, MulData d, StorageOption storage, TargetFeatures target) =>
        KernelCall.Create($"mg_mul_{KernelNames.TypeSuffix(d.Type)}", "mg_mul_params",
        [
            .. BroadcastLowering.Fields(ctx, d.Input1View, d.Input2View),
            ("input1_offset", KernelValue.Of(d.Input1Offset)), ("input2_offset", KernelValue.Of(d.Input2Offset)),
            ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("multiplier", KernelValue.Of(d.OutputMultiplier)), ("shift", KernelValue.Of(d.OutputShift)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("float_min", KernelValue.Of(d.FloatActivationMin)), ("float_max", KernelValue.Of(d.FloatActivationMax)),
        ],
        [KernelOperand.ForTensor(d.Input1), KernelOperand.ForTensor(d.Input2), KernelOperand.ForTensor(d.Output)],
        "kernels/mg_mul.c", "kernels/mg_broadcast.c");
}
