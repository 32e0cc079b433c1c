namespace MicroGen.Ir.Options;

public sealed record TransposeConvOptions(Padding Padding, int StrideH, int StrideW, Activation Activation)
    : OperatorOptions;
