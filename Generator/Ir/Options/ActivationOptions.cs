namespace MicroGen.Ir.Options;

/// <summary>Elementwise binary operators (ADD, SUB, MUL) with a fused activation.</summary>
public sealed record ActivationOptions(Activation Activation) : OperatorOptions;
