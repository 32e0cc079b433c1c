namespace MicroGen.Ir.Options;

public sealed record SplitOptions(int NumSplits) : OperatorOptions;
