using System.Runtime.InteropServices;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Ops.Conv2D;
using MicroGen.Ops.DepthwiseConv2D;
using MicroGen.Ops.FullyConnected;

namespace MicroGen.Ops.Fast;

/// <summary>
/// The kernel calls of the optimised kernels (Runtime.C/include/mg_fast.h): parameter blocks, per-layer constants
/// (arranged filters, channel records) and scratch sizes, which StorageOptions and Lower share.
/// </summary>
public static class FastLowering
{
    /// <summary>
    /// Scratch bytes of a CONV_2D on the family's kernel (the C macros' formulas). A pointwise layer gets the general
    /// kernel's scratch: inside a patch stage or a row-streamed segment its input buffer may hold more than its output
    /// (a halo another reader needs), and then it runs on the general kernel (<see cref="Conv"/>).
    /// </summary>
    public static long ConvScratch(Conv2DData d, FastKernelFamily family, TargetFeatures target)
    {
        var depth = FastFilters.Depth4(d.Window.FilterHeight * d.Window.FilterWidth * d.InputDepth);
        return (target.Dsp ? 5L : 2L) * depth;
    }

    /// <summary>Whether the window maps input pixel i to output pixel i (1x1, stride 1, no padding, equal sizes): the pointwise kernel's contract.</summary>
    private static bool IsPixelForPixel(Window2D w) =>
        w is { FilterHeight: 1, FilterWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 }
        && w.InputHeight == w.OutputHeight && w.InputWidth == w.OutputWidth;

    /// <summary>A CONV_2D, or a depthwise layer over one input channel (its filter as <see cref="DepthwiseFilterAsConvolution"/>).</summary>
    /// <param name="filter">The filter as [output channel][tap] (CONV_2D's own layout).</param>
    public static KernelCall Conv(OpContext ctx, Conv2DData d, ReadOnlySpan<sbyte> filter, FastKernelFamily family, TargetFeatures target)
    {
        var w = d.Window;
        var taps = w.FilterHeight * w.FilterWidth * d.InputDepth;
        var depth = FastFilters.Depth4(taps);
        var channels = Channels(ctx, filter, d.OutputDepth, taps, (c, t) => c * taps + t, d.Bias, d.InputOffset, d.OutputOffset,
            d.OutputMultiplier, d.OutputShift, d.ActivationMin, d.ActivationMax, kernelNegates: false)!;
        var pointwise = family == FastKernelFamily.Pointwise && IsPixelForPixel(w);
        var widened = target.Dsp && FastKernelPlan.Widened(ctx.Graph, target).Contains(ctx.Op.Index);
        var arranged = widened
            ? FastFilters.ChannelPairsWidened(filter, d.OutputDepth, taps, channels.NegateFilter)
            : FastFilters.ChannelPairs(filter, d.OutputDepth, taps, channels.NegateFilter);
        var records = channels.Records;
        if (!target.Dsp)
        {
            // The portable kernel multiplies unsigned bytes (mg_conv2d_s8_fast.c): weights w + 128, and -128 * sum(w) in the bias.
            arranged = FastFilters.Unsigned(arranged);
            records = (int[])records.Clone();
            var sums = FastChannels.Sums(filter, d.OutputDepth, taps, (c, t) => c * taps + t).Sums;
            for (var c = 0; c < d.OutputDepth; c++)
            {
                var sum = sums[c].Sum;
                records[c * 4] = unchecked(records[c * 4] - (int)((channels.NegateFilter[c] ? -sum : sum) * 128));
            }
        }
        var name = (pointwise ? "mg_conv2d_s8_pw_" : "mg_conv2d_s8_") + (target.Dsp ? widened ? "dsp16" : "dsp" : "fast");
        var source = target.Dsp ? "kernels_dsp/mg_conv2d_s8_dsp.c" : "kernels/mg_conv2d_s8_fast.c";
        var macro = (pointwise ? "MG_CONV_PW_" : "MG_CONV_") + (target.Dsp ? "DSP" : "FAST") + "_SCRATCH_BYTES";
        var step = ctx.Op.Index;
        return KernelCall.Create(name + channels.Suffix, "mg_conv_fast_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("out_c", KernelValue.Of(d.OutputDepth)), ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("dil_h", KernelValue.Of(w.DilationHeight)), ("dil_w", KernelValue.Of(w.DilationWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("depth", KernelValue.Of(depth)), ("pad_value", KernelValue.Of(-d.InputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", new ArrayValue(ConstantArray.Int8($"op{step}_filter_fast", arranged))),
            ("channels", KernelValue.Table($"op{step}_channels", records)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output), KernelOperand.Scratch], source) with
        {
            ScratchMacro = macro,
            ScratchMacroArguments = new long[] { depth },
        };
    }

    /// <summary>
    /// A one-input-channel depthwise filter [1][k_h][k_w][channels] as a CONV_2D filter [channels][k_h][k_w][1].
    /// </summary>
    public static sbyte[] DepthwiseFilterAsConvolution(OpContext ctx, DepthwiseConv2DData d)
    {
        var filter = MemoryMarshal.Cast<byte, sbyte>(ctx.Input(1).Data!.Span);
        var taps = d.Window.FilterHeight * d.Window.FilterWidth;
        var result = new sbyte[d.OutputDepth * taps];
        for (var c = 0; c < d.OutputDepth; c++)
        {
            for (var t = 0; t < taps; t++)
            {
                result[c * taps + t] = filter[t * d.OutputDepth + c];
            }
        }
        return result;
    }

    /// <summary>Scratch bytes of the pixel-order depthwise kernel: the window's addresses and the pad pixel (MG_DW_PIXEL_SCRATCH_BYTES).</summary>
    public static long DepthwisePixelScratch(DepthwiseConv2DData d, TargetFeatures target) =>
        (long)target.PointerBytes * d.Window.FilterHeight * d.Window.FilterWidth + (ReadsPadding(d.Window) ? FastFilters.Depth4(d.InputDepth) : 0);

    /// <summary>Whether some window reaches outside the input (into the padding).</summary>
    public static bool ReadsPadding(Window2D w) =>
        w.PadTop > 0 || w.PadLeft > 0
        || (long)(w.OutputHeight - 1) * w.StrideHeight + (long)(w.FilterHeight - 1) * w.DilationHeight - w.PadTop >= w.InputHeight
        || (long)(w.OutputWidth - 1) * w.StrideWidth + (long)(w.FilterWidth - 1) * w.DilationWidth - w.PadLeft >= w.InputWidth;

    /// <summary>The pixel-order depthwise kernel (depth multiplier 1), filter arranged by <see cref="FastFilters.ChannelQuads"/>.</summary>
    public static KernelCall DepthwisePixel(OpContext ctx, DepthwiseConv2DData d, TargetFeatures target)
    {
        var w = d.Window;
        var taps = w.FilterHeight * w.FilterWidth;
        var filter = MemoryMarshal.Cast<byte, sbyte>(ctx.Input(1).Data!.Span);
        var outC = d.OutputDepth;
        var channels = Channels(ctx, filter, outC, taps, (c, t) => t * outC + c, d.Bias, d.InputOffset, d.OutputOffset,
            d.OutputMultiplier, d.OutputShift, d.ActivationMin, d.ActivationMax, kernelNegates: false)!;
        var step = ctx.Op.Index;
        var name = "mg_depthwise_conv2d_s8_pixel_" + (target.Dsp ? "dsp" : "fast");
        var source = target.Dsp ? "kernels_dsp/mg_depthwise_conv2d_s8_pixel_dsp.c" : "kernels/mg_depthwise_conv2d_s8_pixel_fast.c";
        return KernelCall.Create(name + channels.Suffix, "mg_dw_pixel_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("dil_h", KernelValue.Of(w.DilationHeight)), ("dil_w", KernelValue.Of(w.DilationWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("padded", KernelValue.Of(ReadsPadding(w) ? 1 : 0)), ("pad_value", KernelValue.Of(-d.InputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", new ArrayValue(ConstantArray.Int8($"op{step}_filter_fast", FastFilters.ChannelQuads(filter, outC, taps, channels.NegateFilter)))),
            ("channels", KernelValue.Table($"op{step}_channels", channels.Records)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output), KernelOperand.Scratch], source) with
        {
            ScratchMacro = "MG_DW_PIXEL_SCRATCH_BYTES",
            ScratchMacroArguments = new long[] { taps, d.InputDepth, ReadsPadding(w) ? 1 : 0 },
        };
    }

    /// <summary>
    /// Width of the depthwise kernel's ring rows: every column the windows read (tap pairs read one past an odd width),
    /// at least the padded input row, even.
    /// </summary>
    public static int RingRowWidth(Window2D w)
    {
        var pairs = (w.FilterWidth + 1) / 2;
        var read = w.DilationWidth == 1
            ? (w.OutputWidth - 1) * w.StrideWidth + 2 * pairs
            : (w.OutputWidth - 1) * w.StrideWidth + (w.FilterWidth - 1) * w.DilationWidth + 1;
        var width = Math.Max(read, w.PadLeft + w.InputWidth);
        return (width + 1) / 2 * 2;
    }

    public static int RingRows(Window2D w) => (w.FilterHeight - 1) * w.DilationHeight + 1;

    public static long DepthwiseScratch(DepthwiseConv2DData d) => 2L * RingRows(d.Window) * RingRowWidth(d.Window);

    /// <summary>
    /// Whether the depthwise kernel may write its output over its input: output row y (which overwrites the input pixels
    /// y * out_w .. (y + 1) * out_w - 1 of its channel) is written only after every input row it overwrites has been
    /// gathered into the ring, i.e. (y + 1) * out_w &lt;= (last gathered row + 1) * in_w, or every row has been gathered.
    /// </summary>
    public static bool DepthwiseInPlaceSafe(Window2D w)
    {
        var span = RingRows(w);
        for (long y = 0; y < w.OutputHeight; y++)
        {
            var gathered = y * w.StrideHeight - w.PadTop + span - 1;
            if (gathered >= w.InputHeight - 1)
            {
                continue;
            }
            if ((y + 1) * w.OutputWidth > (gathered + 1) * w.InputWidth)
            {
                return false;
            }
        }
        return true;
    }

    public static KernelCall? Depthwise(OpContext ctx, DepthwiseConv2DData d, TargetFeatures target)
    {
        var w = d.Window;
        var taps = w.FilterHeight * w.FilterWidth;
        var filter = MemoryMarshal.Cast<byte, sbyte>(ctx.Input(1).Data!.Span);
        var outC = d.OutputDepth;
        var channels = Channels(ctx, filter, outC, taps, (c, t) => t * outC + c, d.Bias, d.InputOffset, d.OutputOffset,
            d.OutputMultiplier, d.OutputShift, d.ActivationMin, d.ActivationMax, kernelNegates: true);
        if (channels is null)
        {
            return null;
        }
        var step = ctx.Op.Index;
        var name = "mg_depthwise_conv2d_s8_" + (target.Dsp ? "dsp" : "fast") + FastKernelPlan.DepthwiseShape(w);
        var source = target.Dsp ? "kernels_dsp/mg_depthwise_conv2d_s8_dsp.c" : "kernels/mg_depthwise_conv2d_s8_fast.c";
        return KernelCall.Create(name + channels.Suffix, "mg_dw_fast_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("in_c", KernelValue.Of(d.InputDepth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("out_c", KernelValue.Of(outC)), ("depth_multiplier", KernelValue.Of(d.DepthMultiplier)),
            ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("dil_h", KernelValue.Of(w.DilationHeight)), ("dil_w", KernelValue.Of(w.DilationWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("row_w", KernelValue.Of(RingRowWidth(w))), ("pad_value", KernelValue.Of(-d.InputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", KernelValue.Tensor(ctx.Input(1))),
            ("channels", KernelValue.Table($"op{step}_channels", channels.Records)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output), KernelOperand.Scratch], source) with
        {
            ScratchMacro = "MG_DW_FAST_SCRATCH_BYTES",
            ScratchMacroArguments = new long[] { RingRows(w), RingRowWidth(w) },
        };
    }

    public static KernelCall FullyConnected(OpContext ctx, FullyConnectedData d, TargetFeatures target)
    {
        var depth = d.AccumDepth;
        var filter = MemoryMarshal.Cast<byte, sbyte>(ctx.Input(1).Data!.Span);
        var channels = Channels(ctx, filter, d.OutputDepth, depth, (u, t) => u * depth + t, d.Bias, d.InputOffset, d.OutputOffset,
            d.OutputMultiplier, d.OutputShift, d.ActivationMin, d.ActivationMax, kernelNegates: false)!;
        var arranged = FastFilters.UnitQuads(filter, d.OutputDepth, depth, channels.NegateFilter);
        var step = ctx.Op.Index;
        var name = "mg_fully_connected_s8_" + (target.Dsp ? "dsp" : "fast");
        var source = target.Dsp ? "kernels_dsp/mg_fully_connected_s8_dsp.c" : "kernels/mg_fully_connected_s8_fast.c";
        return KernelCall.Create(name + channels.Suffix, "mg_fc_fast_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("depth", KernelValue.Of(depth)), ("units", KernelValue.Of(d.OutputDepth)),
            ("depth4", KernelValue.Of(FastFilters.Depth4(depth))),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", new ArrayValue(ConstantArray.Int8($"op{step}_filter_fast", arranged))),
            ("channels", KernelValue.Table($"op{step}_channels", channels.Records)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], source);
    }

    private static FastChannels? Channels(OpContext ctx, ReadOnlySpan<sbyte> filter, int channels, int taps, Func<int, int, int> index,
        int biasTensor, int inputOffset, int outputZeroPoint, int[] multipliers, int[] shifts, int actMin, int actMax, bool kernelNegates)
    {
        var (sums, minus) = FastChannels.Sums(filter, channels, taps, index);
        var bias = biasTensor < 0 ? ReadOnlySpan<int>.Empty : MemoryMarshal.Cast<byte, int>(ctx.Graph.Tensors[biasTensor].Data!.Span);
        return FastChannels.Build(sums, minus, bias, inputOffset, outputZeroPoint, multipliers, shifts, actMin, actMax, kernelNegates);
    }
}
