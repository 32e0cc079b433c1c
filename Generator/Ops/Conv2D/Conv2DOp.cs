using System.Runtime.InteropServices;
using MicroGen.Planning.Patches;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Ops.Fast;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Conv2D;

/// <summary>
/// CONV_2D: input [N,H,W,Cin] (int8 or float32), filter [Cout,KH,KW,Cin/groups] (int8 per-channel along axis 0,
/// or float32), optional bias [Cout] (int32 or float32), output [N,OH,OW,Cout].
/// </summary>
public sealed class Conv2DOp : OperatorDefinition<Conv2DData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Conv2D];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx)
    {
        var output = ctx.Output(0);
        var filter = ctx.Input(1);
        return output.ElementCount * filter.Shape[1] * filter.Shape[2] * filter.Shape[3];
    }

    protected override Conv2DData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 3, 1);
        var options = ctx.Options<Conv2DOptions>();
        var input = ctx.Input(0);
        var filter = ctx.Input(1);
        var bias = ctx.OptionalInput(2);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Float32);
        ctx.RequireRank(input, 4);
        ctx.RequireRank(filter, 4);
        ctx.RequireRank(output, 4);
        ctx.RequireSameType(input, output);
        ctx.RequireConstant(filter);
        var outputDepth = filter.Shape[0];
        var filterInputDepth = filter.Shape[3];
        var inputDepth = input.Shape[3];
        if (filterInputDepth <= 0 || inputDepth % filterInputDepth != 0 || outputDepth % (inputDepth / filterInputDepth) != 0)
        {
            throw ctx.Fail(filter, $"input depth {inputDepth} is not a multiple of the filter depth {filterInputDepth} with groups dividing {outputDepth} output channels");
        }
        var window = Window2D.Compute(ctx, options.Padding, input.Shape[1], input.Shape[2], filter.Shape[1], filter.Shape[2],
            options.StrideH, options.StrideW, options.DilationH, options.DilationW, options.Explicit);
        ctx.RequireShape(output, input.Shape[0], window.OutputHeight, window.OutputWidth, outputDepth);
        var isFloat = input.Type == DataType.Float32;
        if (bias is not null)
        {
            ctx.RequireType(bias, isFloat ? DataType.Float32 : DataType.Int32);
            ctx.RequireConstant(bias);
            if (bias.ElementCount != outputDepth)
            {
                throw ctx.Fail(bias, $"has {bias.ElementCount} elements, expected {outputDepth}");
            }
        }
        if (isFloat)
        {
            ctx.RequireType(filter, DataType.Float32);
            var (fmin, fmax) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
            return new Conv2DData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, input.Shape[0], inputDepth, outputDepth,
                filterInputDepth, window, 0, 0, [], [], 0, 0, fmin, fmax, IsFloat: true);
        }
        ctx.RequireType(filter, DataType.Int8);
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var filterQ = ctx.RequireQuantization(filter);
        if (filterQ.IsPerChannel && (filterQ.Axis != 0 || filterQ.Scales.Length != outputDepth))
        {
            throw ctx.Fail(filter, $"per-channel quantization must be along axis 0 with {outputDepth} scales");
        }
        var multipliers = QuantizationRules.PerChannelMultipliers(input, filter, output, outputDepth);
        var (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        return new Conv2DData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, input.Shape[0], inputDepth, outputDepth,
            filterInputDepth, window, -inQ.ZeroPoint, outQ.ZeroPoint,
            multipliers.Select(m => m.Multiplier).ToArray(), multipliers.Select(m => m.Shift).ToArray(),
            min, max, 0, 0, IsFloat: false);
    }

    protected override void Eval(Conv2DData d, TensorBuffers buffers)
    {
        if (d.IsFloat)
        {
            ConvolutionKernels.ConvFloat(d, buffers.Read<float>(d.Input), buffers.Read<float>(d.Filter),
                buffers.ReadOptional<float>(d.Bias), buffers.Write<float>(d.Output));
        }
        else
        {
            ConvolutionKernels.ConvPerChannel(d, buffers.Read<sbyte>(d.Input), buffers.Read<sbyte>(d.Filter),
                buffers.ReadOptional<int>(d.Bias), buffers.Write<sbyte>(d.Output));
        }
    }

    /// <summary>
    /// Two ways to overlap output and input. The int8 kernel computes output pixels in raster order, so its output may
    /// start ahead of its input and overlap it (<see cref="RasterOverlap"/>). A 1x1, stride-1, ungrouped convolution can
    /// also stream: it copies each input pixel to scratch before writing that pixel's output, so the output starts at
    /// the input (or as far before it as it is larger) and the lead is one pixel of scratch, placed anywhere, rather
    /// than a shift of everything sharing the input's storage; in chains of such layers that is what keeps the peak down.
    /// </summary>
    /// <remarks>
    /// On the optimised kernels (see <see cref="FastKernelPlan"/>) every way needs the kernel's scratch: two pixels' inputs
    /// (widened to int16 on DSP cores), or for other windows two pixels' patches, gathered before either pixel is
    /// written: raster order in runs of two pixels, and streamable like the 1x1 kernel.
    /// </remarks>
    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target)
    {
        var d = PrepareData(ctx);
        if (d.IsFloat)
        {
            return [StorageOption.Separate()];
        }
        var family = FastKernelPlan.Choose(ctx.Graph, ctx.Op, target);
        var scratch = family == FastKernelFamily.None ? 0 : FastLowering.ConvScratch(d, family, target);
        var options = RasterOptions(d, family, target);
        if (IsStreamable(d))
        {
            var pixels = (long)d.Batches * d.Window.InputHeight * d.Window.InputWidth;
            var outputBeforeInput = d.OutputDepth > d.InputDepth ? pixels * (d.OutputDepth - d.InputDepth) : 0;
            options.Add(new StorageOption(StorageMode.Overlapped, 0, family == FastKernelFamily.None ? d.InputDepth : scratch, -outputBeforeInput,
                StreamedVariant));
        }
        return options;
    }

    /// <summary>
    /// Separate input and output, and the raster overlap, with the kernel's scratch: the optimised kernels write pixel
    /// pairs, the plain one single pixels. Also the options of a depthwise layer run as a convolution.
    /// </summary>
    public static List<StorageOption> RasterOptions(Conv2DData d, FastKernelFamily family, TargetFeatures target)
    {
        var scratch = family == FastKernelFamily.None ? 0 : FastLowering.ConvScratch(d, family, target);
        var options = new List<StorageOption> { StorageOption.Separate(scratch) };
        if (RasterOverlap.Option(d.Window, d.Batches, d.InputDepth, d.OutputDepth, family == FastKernelFamily.None ? 1 : 2) is { } overlapped)
        {
            options.Add(overlapped with { ScratchBytes = scratch });
        }
        return options;
    }

    private static bool IsStreamable(Conv2DData d) =>
        d.Window is { FilterHeight: 1, FilterWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 }
        && d.FilterInputDepth == d.InputDepth;

    /// <summary>The storage variant of the streamed 1x1 kernel (the other overlapped option is the raster kernel's).</summary>
    private const string StreamedVariant = "streamed";

    protected override KernelCall Lower(OpContext ctx, Conv2DData d, StorageOption storage, TargetFeatures target)
    {
        if (d.IsFloat)
        {
            throw ctx.Fail("float32 CONV_2D has no C kernel; quantize the model to int8");
        }
        var family = FastKernelPlan.Choose(ctx.Graph, ctx.Op, target);
        if (family != FastKernelFamily.None)
        {
            return FastLowering.Conv(ctx, d, MemoryMarshal.Cast<byte, sbyte>(ctx.Input(1).Data!.Span), family, target);
        }
        var w = d.Window;
        var step = ctx.Op.Index;
        return KernelCall.Create("mg_conv2d_s8", "mg_conv2d_s8_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("out_c", KernelValue.Of(d.OutputDepth)), ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("filter_c", KernelValue.Of(d.FilterInputDepth)), ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("dil_h", KernelValue.Of(w.DilationHeight)), ("dil_w", KernelValue.Of(w.DilationWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("input_offset", KernelValue.Of(d.InputOffset)), ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", KernelValue.Tensor(ctx.Input(1))),
            ("bias", d.Bias < 0 ? KernelValue.Null : KernelValue.Tensor(ctx.Input(2))),
            ("multiplier", KernelValue.Table($"op{step}_multiplier", d.OutputMultiplier)),
            ("shift", KernelValue.Table($"op{step}_shift", d.OutputShift)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_conv2d_s8.c") is var call
        && storage.Variant == StreamedVariant
            ? call with
            {
                Function = "mg_conv2d_1x1_s8_stream",
                Operands = new[] { KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output), KernelOperand.Scratch },
                Sources = new[] { "kernels/mg_conv2d_1x1_s8_stream.c" },
                ScratchMacro = "MG_CONV2D_1X1_S8_STREAM_SCRATCH_BYTES",
                ScratchMacroArguments = new long[] { d.InputDepth },
            }
            : call;
    }

    public bool CanPatch(OpContext ctx, object data) => ((Conv2DData)data).Batches == 1;

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) =>
        WindowPatching.Required(((Conv2DData)data).Window, inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output)
    {
        var d = (Conv2DData)data;
        return d with { Window = WindowPatching.ForPatch(d.Window, inputs[0]!.Value, output) };
    }

    public double MacsPerOutputPixel(OpContext ctx, object data) => WindowPatching.MacsPerOutputPixel(ctx, this, ((Conv2DData)data).Window);
}
