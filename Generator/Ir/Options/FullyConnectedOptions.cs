namespace MicroGen.Ir.Options;

public sealed record FullyConnectedOptions(Activation Activation, bool KeepNumDims) : OperatorOptions;
