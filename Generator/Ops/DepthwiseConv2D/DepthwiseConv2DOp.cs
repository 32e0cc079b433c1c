using MicroGen.Planning.Patches;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Ops.Conv2D;
using MicroGen.Ops.Fast;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.DepthwiseConv2D;

/// <summary>
/// DEPTHWISE_CONV_2D: input [N,H,W,C], filter [1,KH,KW,C*M] (int8 per-channel along axis 3, or float32),
/// optional bias [C*M], output [N,OH,OW,C*M]. The depth multiplier M comes from the shapes.
/// </summary>
public sealed class DepthwiseConv2DOp : OperatorDefinition<DepthwiseConv2DData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.DepthwiseConv2D];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx)
    {
        var filter = ctx.Input(1);
        return ctx.Output(0).ElementCount * filter.Shape[1] * filter.Shape[2];
    }

    protected override DepthwiseConv2DData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 3, 1);
        var options = ctx.Options<DepthwiseConv2DOptions>();
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
        var inputDepth = input.Shape[3];
        var outputDepth = filter.Shape[3];
        if (filter.Shape[0] != 1 || inputDepth <= 0 || outputDepth % inputDepth != 0)
        {
            throw ctx.Fail(filter, $"must be [1,KH,KW,C*M] with C*M a multiple of the input depth {inputDepth}");
        }
        var multiplier = outputDepth / inputDepth;
        if (options.DepthMultiplier != 0 && options.DepthMultiplier != multiplier)
        {
            throw ctx.Fail($"depth_multiplier {options.DepthMultiplier} contradicts the shapes (output depth {outputDepth} / input depth {inputDepth})");
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
            return new DepthwiseConv2DData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, input.Shape[0], inputDepth,
                outputDepth, multiplier, window, 0, 0, [], [], 0, 0, fmin, fmax, IsFloat: true);
        }
        ctx.RequireType(filter, DataType.Int8);
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var filterQ = ctx.RequireQuantization(filter);
        if (filterQ.IsPerChannel && (filterQ.Axis != 3 || filterQ.Scales.Length != outputDepth))
        {
            throw ctx.Fail(filter, $"per-channel quantization must be along axis 3 with {outputDepth} scales");
        }
        var multipliers = QuantizationRules.PerChannelMultipliers(input, filter, output, outputDepth);
        var (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        return new DepthwiseConv2DData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, input.Shape[0], inputDepth,
            outputDepth, multiplier, window, -inQ.ZeroPoint, outQ.ZeroPoint,
            multipliers.Select(m => m.Multiplier).ToArray(), multipliers.Select(m => m.Shift).ToArray(),
            min, max, 0, 0, IsFloat: false);
    }

    protected override void Eval(DepthwiseConv2DData d, TensorBuffers buffers)
    {
        if (d.IsFloat)
        {
            DepthwiseConvolutionKernels.DepthwiseConvFloat(d, buffers.Read<float>(d.Input), buffers.Read<float>(d.Filter),
                buffers.ReadOptional<float>(d.Bias), buffers.Write<float>(d.Output));
        }
        else
        {
            DepthwiseConvolutionKernels.DepthwiseConvPerChannel(d, buffers.Read<sbyte>(d.Input), buffers.Read<sbyte>(d.Filter),
                buffers.ReadOptional<int>(d.Bias), buffers.Write<sbyte>(d.Output));
        }
    }

    /// <summary>
    /// Two ways to share the input's memory. With depth multiplier 1, output channel c depends only on input channel c:
    /// the in-place kernel saves one input channel to scratch and writes that output channel over the input (offered
    /// when one channel is smaller than the output). And the raster-order kernel's output may start ahead of its input
    /// and overlap it (<see cref="RasterOverlap"/>).
    /// </summary>
    /// <remarks>
    /// The optimised kernel (see <see cref="FastKernelPlan"/>) needs its ring of input rows as scratch either way, and
    /// runs in place only when its row order allows (<see cref="FastLowering.DepthwiseInPlaceSafe"/>).
    /// </remarks>
    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target)
    {
        var d = PrepareData(ctx);
        if (d.IsFloat)
        {
            return [StorageOption.Separate()];
        }
        var outputBytes = ctx.Output(0).SizeInBytes;
        var family = FastKernelPlan.Choose(ctx.Graph, ctx.Op, target);
        if (family is FastKernelFamily.Convolution or FastKernelFamily.Pointwise)
        {
            return Conv2DOp.RasterOptions(d.AsConvolution()!, family, target);
        }
        if (family == FastKernelFamily.DepthwisePixel)
        {
            // Faster pixel by pixel; the channel-by-channel kernel's in-place mode stays on offer where it saves memory.
            var scratch = FastLowering.DepthwisePixelScratch(d, target);
            var pixel = new List<StorageOption> { StorageOption.Separate(scratch) };
            if (RasterOverlap.Option(d.Window, d.Batches, d.InputDepth, d.OutputDepth, channelWise: true) is { } raster)
            {
                pixel.Add(raster with { ScratchBytes = scratch });
            }
            if (RingInPlace(d, outputBytes) is { } ringInPlace)
            {
                pixel.Add(ringInPlace with { Variant = RingVariant });
            }
            return pixel;
        }
        if (family == FastKernelFamily.Depthwise)
        {
            // The optimised kernels work channel-major from a ring of rows: no raster overlap, only their own in-place
            // mode. Where that mode is unavailable, the portable raster kernel's overlap is offered instead.
            var ring = FastLowering.DepthwiseScratch(d);
            if (RingInPlace(d, outputBytes) is { } ringInPlace)
            {
                return [StorageOption.Separate(ring), ringInPlace];
            }
            return RasterOverlap.Option(d.Window, d.Batches, d.InputDepth, d.OutputDepth) is { } raster
                ? [StorageOption.Separate(ring), raster]
                : [StorageOption.Separate(ring)];
        }
        var options = new List<StorageOption> { StorageOption.Separate() };
        var channel = (long)d.Window.InputHeight * d.Window.InputWidth;
        if (d.DepthMultiplier == 1 && d.Batches == 1 && channel < outputBytes)
        {
            options.Add(new StorageOption(StorageMode.InPlace, 0, channel));
        }
        if (RasterOverlap.Option(d.Window, d.Batches, d.InputDepth, d.OutputDepth) is { } overlapped)
        {
            options.Add(overlapped);
        }
        return options;
    }

    /// <summary>The channel-by-channel kernel's in-place storage with its ring as scratch, where it applies and saves memory.</summary>
    private static StorageOption? RingInPlace(DepthwiseConv2DData d, long outputBytes)
    {
        var ring = FastLowering.DepthwiseScratch(d);
        return FastKernelPlan.DepthwiseRingFits(d) && d.DepthMultiplier == 1 && d.Batches == 1 && ring < outputBytes
               && FastLowering.DepthwiseInPlaceSafe(d.Window)
            ? new StorageOption(StorageMode.InPlace, 0, ring)
            : null;
    }

    /// <summary>The storage variant of a pixel-order layer run in place by the channel-by-channel kernel.</summary>
    private const string RingVariant = "ring";

    protected override KernelCall Lower(OpContext ctx, DepthwiseConv2DData d, StorageOption storage, TargetFeatures target)
    {
        if (d.IsFloat)
        {
            throw ctx.Fail("float32 DEPTHWISE_CONV_2D has no C kernel; quantize the model to int8");
        }
        var family = FastKernelPlan.Choose(ctx.Graph, ctx.Op, target);
        if (family is FastKernelFamily.Convolution or FastKernelFamily.Pointwise)
        {
            return FastLowering.Conv(ctx, d.AsConvolution()!, FastLowering.DepthwiseFilterAsConvolution(ctx, d), family, target);
        }
        if (d.Window.PadTop < 0 || d.Window.PadLeft < 0)
        {
            // A patch buffer holding rows or columns before the first one this layer reads (a halo another reader of the
            // same map needs): the channel-plane and pixel kernels assume the buffer starts at the window; the general
            // kernel skips them.
            family = FastKernelFamily.None;
        }
        if (family == FastKernelFamily.DepthwisePixel && storage.Variant != RingVariant)
        {
            return FastLowering.DepthwisePixel(ctx, d, target);
        }
        if (storage.Mode != StorageMode.Overlapped && family is FastKernelFamily.Depthwise or FastKernelFamily.DepthwisePixel)
        {
            return FastLowering.Depthwise(ctx, d, target)
                ?? throw new InvalidOperationException($"{ctx.Op.Describe()}: no fast depthwise channels although the plan chose them");
        }
        var w = d.Window;
        var step = ctx.Op.Index;
        return KernelCall.Create("mg_depthwise_conv2d_s8", "mg_depthwise_conv2d_s8_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("out_c", KernelValue.Of(d.OutputDepth)), ("depth_multiplier", KernelValue.Of(d.DepthMultiplier)),
            ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("dil_h", KernelValue.Of(w.DilationHeight)), ("dil_w", KernelValue.Of(w.DilationWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("input_offset", KernelValue.Of(d.InputOffset)), ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", KernelValue.Tensor(ctx.Input(1))),
            ("bias", d.Bias < 0 ? KernelValue.Null : KernelValue.Tensor(ctx.Input(2))),
            ("multiplier", KernelValue.Table($"op{step}_multiplier", d.OutputMultiplier)),
            ("shift", KernelValue.Table($"op{step}_shift", d.OutputShift)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_depthwise_conv2d_s8.c") is var call
        && storage.Mode == StorageMode.InPlace
            ? call with
            {
                Function = "mg_depthwise_conv2d_s8_inplace",
                Operands = new[] { KernelOperand.ForTensor(d.Output), KernelOperand.Scratch },
                Sources = new[] { "kernels/mg_depthwise_conv2d_s8_inplace.c" },
                ScratchMacro = "MG_DEPTHWISE_CONV2D_S8_INPLACE_SCRATCH_BYTES",
                ScratchMacroArguments = new long[] { d.Window.InputHeight, d.Window.InputWidth },
            }
            : call;
    }

    public bool CanPatch(OpContext ctx, object data) => ((DepthwiseConv2DData)data).Batches == 1;

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) =>
        WindowPatching.Required(((DepthwiseConv2DData)data).Window, inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output)
    {
        var d = (DepthwiseConv2DData)data;
        return d with { Window = WindowPatching.ForPatch(d.Window, inputs[0]!.Value, output) };
    }

    public double MacsPerOutputPixel(OpContext ctx, object data) => WindowPatching.MacsPerOutputPixel(ctx, this, ((DepthwiseConv2DData)data).Window);
}
