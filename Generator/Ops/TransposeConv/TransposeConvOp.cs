using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.TransposeConv;

/// <summary>
/// TRANSPOSE_CONV: inputs (output_shape int32[4] constant, filter [Cout,KH,KW,Cin], input [N,H,W,Cin], optional bias [Cout]).
/// Padding is computed as TFLM does, from the output size treated as a convolution input.
/// </summary>
public sealed class TransposeConvOp : OperatorDefinition<TransposeConvData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.TransposeConv];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx)
    {
        var filter = ctx.Input(1);
        return ctx.Input(2).ElementCount * filter.Shape[0] * filter.Shape[1] * filter.Shape[2];
    }

    protected override TransposeConvData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(3, 4, 1);
        var options = ctx.Options<TransposeConvOptions>();
        var outputShape = ctx.Input(0);
        var filter = ctx.Input(1);
        var input = ctx.Input(2);
        var bias = ctx.OptionalInput(3);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Float32);
        ctx.RequireSameType(input, output);
        ctx.RequireRank(input, 4);
        ctx.RequireRank(filter, 4);
        ctx.RequireRank(output, 4);
        ctx.RequireConstant(filter);
        ctx.RequireConstant(outputShape);
        ctx.RequireType(outputShape, DataType.Int32);
        var declared = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(outputShape.Data!.Span).ToArray();
        if (!declared.AsSpan().SequenceEqual(output.Shape.AsSpan()))
        {
            throw ctx.Fail(output, $"shape {output.ShapeText} differs from the output_shape input [{string.Join("x", declared)}]");
        }
        if (filter.Shape[3] != input.Shape[3] || filter.Shape[0] != output.Shape[3] || input.Shape[0] != output.Shape[0])
        {
            throw ctx.Fail(filter, $"shape {filter.ShapeText} does not connect input {input.ShapeText} to output {output.ShapeText}");
        }
        if (options.StrideH <= 0 || options.StrideW <= 0)
        {
            throw ctx.Fail($"stride {options.StrideH}x{options.StrideW} must be positive");
        }
        var outH = output.Shape[1];
        var outW = output.Shape[2];
        var padTop = Window2D.Pad(options.StrideH, 1, outH, filter.Shape[1], Window2D.OutSize(options.Padding, outH, filter.Shape[1], options.StrideH, 1));
        var padLeft = Window2D.Pad(options.StrideW, 1, outW, filter.Shape[2], Window2D.OutSize(options.Padding, outW, filter.Shape[2], options.StrideW, 1));
        var isFloat = input.Type == DataType.Float32;
        var depth = filter.Shape[0];
        if (bias is not null)
        {
            ctx.RequireType(bias, isFloat ? DataType.Float32 : DataType.Int32);
            ctx.RequireConstant(bias);
            if (bias.ElementCount != depth)
            {
                throw ctx.Fail(bias, $"has {bias.ElementCount} elements, expected {depth}");
            }
        }
        int[] multipliers = [], shifts = [];
        int min = 0, max = 0, inputOffset = 0, outputOffset = 0;
        float fmin = 0, fmax = 0;
        if (isFloat)
        {
            ctx.RequireType(filter, DataType.Float32);
            (fmin, fmax) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
        }
        else
        {
            ctx.RequireType(filter, DataType.Int8);
            inputOffset = -ctx.RequirePerTensorQuantization(input).ZeroPoint;
            outputOffset = ctx.RequirePerTensorQuantization(output).ZeroPoint;
            var filterQ = ctx.RequireQuantization(filter);
            if (filterQ.IsPerChannel && (filterQ.Axis != 0 || filterQ.Scales.Length != depth))
            {
                throw ctx.Fail(filter, $"per-channel quantization must be along axis 0 with {depth} scales");
            }
            var perChannel = QuantizationRules.PerChannelMultipliers(input, filter, output, depth);
            multipliers = perChannel.Select(m => m.Multiplier).ToArray();
            shifts = perChannel.Select(m => m.Shift).ToArray();
            (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        }
        return new TransposeConvData(input.Index, filter.Index, bias?.Index ?? -1, output.Index,
            input.Shape[0], input.Shape[1], input.Shape[2], input.Shape[3], filter.Shape[1], filter.Shape[2],
            outH, outW, depth, options.StrideH, options.StrideW, padTop, padLeft, inputOffset, outputOffset,
            multipliers, shifts, min, max, fmin, fmax, isFloat);
    }

    protected override void Eval(TransposeConvData d, TensorBuffers buffers)
    {
        if (d.IsFloat)
        {
            TransposeConvKernels.TransposeConvFloat(d, buffers.Read<float>(d.Input), buffers.Read<float>(d.Filter),
                buffers.ReadOptional<float>(d.Bias), buffers.Write<float>(d.Output));
        }
        else
        {
            TransposeConvKernels.TransposeConvPerChannel(d, buffers.Read<sbyte>(d.Input), buffers.Read<sbyte>(d.Filter),
                buffers.ReadOptional<int>(d.Bias), buffers.Write<sbyte>(d.Output), new int[d.Batches * d.OutputHeight * d.OutputWidth * d.OutputDepth]);
        }
    }

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target)
    {
        // The int8 kernel accumulates into one int32 per output element.
        var output = ctx.Output(0);
        return [StorageOption.Separate(output.Type == DataType.Int8 ? output.ElementCount * 4 : 0)];
    }

    protected override KernelCall Lower(OpContext ctx, TransposeConvData d, StorageOption storage, TargetFeatures target)
    {
        if (d.IsFloat)
        {
            throw ctx.Fail("float32 TRANSPOSE_CONV has no C kernel; quantize the model to int8");
        }
        var step = ctx.Op.Index;
        return KernelCall.Create("mg_transpose_conv2d_s8", "mg_transpose_conv2d_s8_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(d.InputHeight)), ("in_w", KernelValue.Of(d.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("k_h", KernelValue.Of(d.FilterHeight)), ("k_w", KernelValue.Of(d.FilterWidth)),
            ("out_h", KernelValue.Of(d.OutputHeight)), ("out_w", KernelValue.Of(d.OutputWidth)), ("out_c", KernelValue.Of(d.OutputDepth)),
            ("stride_h", KernelValue.Of(d.StrideHeight)), ("stride_w", KernelValue.Of(d.StrideWidth)),
            ("pad_top", KernelValue.Of(d.PadTop)), ("pad_left", KernelValue.Of(d.PadLeft)),
            ("input_offset", KernelValue.Of(d.InputOffset)), ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", KernelValue.Tensor(ctx.Input(1))),
            ("bias", d.Bias < 0 ? KernelValue.Null : KernelValue.Tensor(ctx.Input(3))),
            ("multiplier", KernelValue.Table($"op{step}_multiplier", d.OutputMultiplier)),
            ("shift", KernelValue.Table($"op{step}_shift", d.OutputShift)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output), KernelOperand.Scratch], "kernels/mg_transpose_conv2d_s8.c")
        with
        {
            ScratchMacro = "MG_TRANSPOSE_CONV2D_S8_SCRATCH_BYTES",
            ScratchMacroArguments = new long[] { d.Batches, d.OutputHeight, d.OutputWidth, d.OutputDepth },
        };
    }
}
