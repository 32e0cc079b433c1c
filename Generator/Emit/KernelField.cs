namespace MicroGen.Emit;

public sealed record KernelField(string Name, KernelValue Value);
