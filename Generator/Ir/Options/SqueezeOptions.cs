namespace MicroGen.Ir.Options;

public sealed record SqueezeOptions(EquatableArray<int> Dims) : OperatorOptions;
