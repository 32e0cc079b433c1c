using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.AddSub;

/// <summary>
/// ADD and SUB: two inputs broadcast NumPy-style (up to 6-D) to the output, int8 / int16 (general rescaling path,
/// left shift 20 / 15) or float32, with a fused RELU / RELU6 / RELU_N1_TO_1.
/// TFLM computes ADD's multipliers in double (add_common.cc) but SUB's in float, converted to double afterwards
/// (sub_common.cc); both are reproduced here.
/// </summary>
public sealed class AddSubOp : BroadcastBinaryOperator<AddSubData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Add, OpKind.Sub];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override AddSubData PrepareData(OpContext ctx)
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
        var isSubtraction = ctx.Op.Kind == OpKind.Sub;
        if (output.Type == DataType.Float32)
        {
            var (min, max) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
            return new AddSubData(isSubtraction, output.Type, input1.Index, input2.Index, output.Index, view1, view2, null, min, max);
        }
        var q1 = ctx.RequirePerTensorQuantization(input1);
        var q2 = ctx.RequirePerTensorQuantization(input2);
        var qOut = ctx.RequirePerTensorQuantization(output);
        var leftShift = output.Type == DataType.Int16 ? 15 : 20;
        double real1, real2, realOut;
        if (isSubtraction)
        {
            // sub_common.cc: twice_max_input_scale is a float and every quotient is formed in float.
            var twiceMax = 2 * MathF.Max(q1.Scale, q2.Scale);
            real1 = q1.Scale / twiceMax;
            real2 = q2.Scale / twiceMax;
            realOut = twiceMax / ((1 << leftShift) * qOut.Scale);
        }
        else
        {
            // add_common.cc: the same quantities in double.
            var twiceMax = 2 * (double)Math.Max(q1.Scale, q2.Scale);
            real1 = q1.Scale / twiceMax;
            real2 = q2.Scale / twiceMax;
            realOut = twiceMax / ((1 << leftShift) * (double)qOut.Scale);
        }
        var m1 = MultiplierRules.SmallerThanOneExp(ctx, real1, "input 1");
        var m2 = MultiplierRules.SmallerThanOneExp(ctx, real2, "input 2");
        var mOut = MultiplierRules.SmallerThanOneExp(ctx, realOut, "output");
        var (activationMin, activationMax) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        var quantization = new AddSubQuantization(leftShift,
            -q1.ZeroPoint, m1.Multiplier, m1.Shift,
            -q2.ZeroPoint, m2.Multiplier, m2.Shift,
            qOut.ZeroPoint, mOut.Multiplier, mOut.Shift,
            activationMin, activationMax);
        return new AddSubData(isSubtraction, output.Type, input1.Index, input2.Index, output.Index, view1, view2, quantization, 0, 0);
    }

    protected override void Eval(AddSubData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                AddSubKernels.QuantizedInt8(d, buffers.Read<sbyte>(d.Input1), buffers.Read<sbyte>(d.Input2), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                AddSubKernels.QuantizedInt16(d, buffers.Read<short>(d.Input1), buffers.Read<short>(d.Input2), buffers.Write<short>(d.Output));
                break;
            default:
                AddSubKernels.Float(d, buffers.Read<float>(d.Input1), buffers.Read<float>(d.Input2), buffers.Write<float>(d.Output));
                break;
        }
    }

    protected override KernelCall Lower(OpContext ctx, AddSubData d, StorageOption storage, TargetFeatures target)
    {
        var q = d.Quantization;
        return KernelCall.Create($"mg_add_sub_{KernelNames.TypeSuffix(d.Type)}", "mg_add_sub_params",
        [
            .. BroadcastLowering.Fields(ctx, d.Input1View, d.Input2View),
            ("subtract", KernelValue.Of(d.IsSubtraction ? 1 : 0)), ("left_shift", KernelValue.Of(q?.LeftShift ?? 0)),
            ("input1_offset", KernelValue.Of(q?.Input1Offset ?? 0)), ("input1_multiplier", KernelValue.Of(q?.Input1Multiplier ?? 0)),
            ("input1_shift", KernelValue.Of(q?.Input1Shift ?? 0)),
            ("input2_offset", KernelValue.Of(q?.Input2Offset ?? 0)), ("input2_multiplier", KernelValue.Of(q?.Input2Multiplier ?? 0)),
            ("input2_shift", KernelValue.Of(q?.Input2Shift ?? 0)),
            ("output_offset", KernelValue.Of(q?.OutputOffset ?? 0)), ("output_multiplier", KernelValue.Of(q?.OutputMultiplier ?? 0)),
            ("output_shift", KernelValue.Of(q?.OutputShift ?? 0)),
            ("act_min", KernelValue.Of(q?.ActivationMin ?? 0)), ("act_max", KernelValue.Of(q?.ActivationMax ?? 0)),
            ("float_min", KernelValue.Of(d.FloatActivationMin)), ("float_max", KernelValue.Of(d.FloatActivationMax)),
        ],
        [KernelOperand.ForTensor(d.Input1), KernelOperand.ForTensor(d.Input2), KernelOperand.ForTensor(d.Output)],
        "kernels/mg_add_sub.c", "kernels/mg_broadcast.c");
    }
}
