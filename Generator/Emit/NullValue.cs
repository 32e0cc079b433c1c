namespace MicroGen.Emit;

public sealed record NullValue : KernelValue;
