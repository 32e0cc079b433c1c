namespace MicroGen.Ir.Options;

/// <summary>DEPTHWISE_CONV_2D attributes; <see cref="Explicit"/>, when set, replaces SAME/VALID with given pad counts.</summary>
public sealed record DepthwiseConv2DOptions(
    Padding Padding, int StrideH, int StrideW, int DilationH, int DilationW, int DepthMultiplier, Activation Activation,
    ExplicitPadding? Explicit = null)
    : OperatorOptions;
