using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// The spatial geometry of a sliding-window operator (convolution, depthwise, pooling): sizes, strides,
/// dilation and the top/left padding, computed as TFLite's ComputePaddingHeightWidth does.
/// </summary>
public sealed record Window2D(
    int InputHeight, int InputWidth,
    int FilterHeight, int FilterWidth,
    int StrideHeight, int StrideWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft,
    int OutputHeight, int OutputWidth)
{
    public static Window2D Compute(OpContext ctx, Padding padding, int inH, int inW, int filterH, int filterW,
        int strideH, int strideW, int dilationH, int dilationW, ExplicitPadding? explicitPadding = null)
    {
        if (strideH <= 0 || strideW <= 0)
        {
            throw ctx.Fail($"stride {strideH}x{strideW} must be positive");
        }
        if (dilationH <= 0 || dilationW <= 0)
        {
            throw ctx.Fail($"dilation {dilationH}x{dilationW} must be positive");
        }
        if (filterH <= 0 || filterW <= 0)
        {
            throw ctx.Fail($"filter {filterH}x{filterW} must be positive");
        }
        if (explicitPadding is { } e)
        {
            if (e.Top < 0 || e.Bottom < 0 || e.Left < 0 || e.Right < 0)
            {
                throw ctx.Fail($"padding {e} must not be negative");
            }
            var explicitH = OutSize(Padding.Valid, inH + e.Top + e.Bottom, filterH, strideH, dilationH);
            var explicitW = OutSize(Padding.Valid, inW + e.Left + e.Right, filterW, strideW, dilationW);
            if (explicitH <= 0 || explicitW <= 0)
            {
                throw ctx.Fail($"a {filterH}x{filterW} window does not fit the {inH}x{inW} input padded by {e}");
            }
            return new Window2D(inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW, e.Top, e.Left, explicitH, explicitW);
        }
        var outH = OutSize(padding, inH, filterH, strideH, dilationH);
        var outW = OutSize(padding, inW, filterW, strideW, dilationW);
        if (outH <= 0 || outW <= 0)
        {
            throw ctx.Fail($"a {filterH}x{filterW} window (dilation {dilationH}x{dilationW}) does not fit the {inH}x{inW} input");
        }
        return new Window2D(inH, inW, filterH, filterW, strideH, strideW, dilationH, dilationW,
            Pad(strideH, dilationH, inH, filterH, outH), Pad(strideW, dilationW, inW, filterW, outW), outH, outW);
    }

    /// <summary>ComputeOutSize: SAME keeps ceil(in/stride); VALID keeps the windows wholly inside.</summary>
    public static int OutSize(Padding padding, int inSize, int filterSize, int stride, int dilation)
    {
        var effective = (long)(filterSize - 1) * dilation + 1;
        var value = padding == Padding.Same ? (inSize + (long)stride - 1) / stride : (inSize + stride - effective) / stride;
        return (int)Math.Clamp(value, 0, int.MaxValue);
    }

    /// <summary>ComputePaddingWithOffset: half the total padding, rounded down (the odd pixel goes bottom/right).</summary>
    public static int Pad(int stride, int dilation, int inSize, int filterSize, int outSize)
    {
        var effective = (long)(filterSize - 1) * dilation + 1;
        var total = Math.Max(0, (outSize - 1L) * stride + effective - inSize);
        return (int)(total / 2);
    }
}
