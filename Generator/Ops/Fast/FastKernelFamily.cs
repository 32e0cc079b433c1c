namespace MicroGen.Ops.Fast;

/// <summary>The optimised kernel families (Runtime.C/include/mg_fast.h); each has a portable and a DSP build.</summary>
public enum FastKernelFamily
{
    /// <summary>No optimised kernel: the plain portable one.</summary>
    None,

    /// <summary>1x1, stride 1, unpadded CONV_2D (also streamed over overlapping buffers).</summary>
    Pointwise,

    /// <summary>Any other ungrouped int8 CONV_2D (partial im2col), and DEPTHWISE_CONV_2D over one input channel.</summary>
    Convolution,

    /// <summary>DEPTHWISE_CONV_2D over a ring of widened input rows (also in place).</summary>
    Depthwise,

    /// <summary>DEPTHWISE_CONV_2D with depth multiplier 1 pixel by pixel, 4 channels per step (also over overlapping buffers).</summary>
    DepthwisePixel,

    /// <summary>FULLY_CONNECTED with a zero filter zero point.</summary>
    FullyConnected,
}
