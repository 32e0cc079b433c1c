namespace MicroGen.Ir.Options;

public sealed record DepthwiseConv2DOptions(
    Padding Padding, int StrideH, int StrideW, int DilationH, int DilationW, int DepthMultiplier, Activation Activation)
    : OperatorOptions;
