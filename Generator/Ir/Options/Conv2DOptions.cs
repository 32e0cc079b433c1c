namespace MicroGen.Ir.Options;

public sealed record Conv2DOptions(
    Padding Padding, int StrideH, int StrideW, int DilationH, int DilationW, Activation Activation) : OperatorOptions;
