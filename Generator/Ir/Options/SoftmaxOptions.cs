namespace MicroGen.Ir.Options;

public sealed record SoftmaxOptions(float Beta) : OperatorOptions;
