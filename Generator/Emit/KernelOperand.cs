namespace MicroGen.Emit;

/// <summary>A pointer argument after the parameter block: a tensor's memory, or the step's scratch.</summary>
public sealed record KernelOperand(int Tensor, bool IsScratch)
{
    public static KernelOperand ForTensor(int tensor) => new(tensor, false);

    public static KernelOperand Scratch { get; } = new(-1, true);
}
