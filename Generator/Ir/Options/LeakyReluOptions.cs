namespace MicroGen.Ir.Options;

public sealed record LeakyReluOptions(float Alpha) : OperatorOptions;
