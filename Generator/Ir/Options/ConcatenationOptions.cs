namespace MicroGen.Ir.Options;

public sealed record ConcatenationOptions(int Axis, Activation Activation) : OperatorOptions;
