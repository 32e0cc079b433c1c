namespace MicroGen.Ir.Options;

public sealed record BatchMatMulOptions(bool AdjointX, bool AdjointY) : OperatorOptions;
