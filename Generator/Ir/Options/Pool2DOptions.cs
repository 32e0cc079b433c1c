namespace MicroGen.Ir.Options;

public sealed record Pool2DOptions(
    Padding Padding, int StrideH, int StrideW, int FilterH, int FilterW, Activation Activation) : OperatorOptions;
