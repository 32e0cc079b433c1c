namespace MicroGen.Ir.Options;

public sealed record ReducerOptions(bool KeepDims) : OperatorOptions;
