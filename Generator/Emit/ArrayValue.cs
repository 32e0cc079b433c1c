namespace MicroGen.Emit;

public sealed record ArrayValue(ConstantArray Array) : KernelValue;
