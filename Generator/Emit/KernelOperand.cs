using MicroGen.Ir;

namespace MicroGen.Emit;

/// <summary>
/// A pointer argument after the parameter block: a tensor's memory, the step's scratch, or a list of tensors passed as
/// one array of pointers (for kernels with a variable number of inputs or outputs: CONCATENATION, SPLIT, ...). An
/// input list is rendered as <c>const void *const[]</c>, an output list as <c>void *const[]</c>.
/// </summary>
public sealed record KernelOperand(int Tensor, bool IsScratch, EquatableArray<int> List = default, bool IsOutputList = false)
{
    public static KernelOperand ForTensor(int tensor) => new(tensor, false);

    public static KernelOperand Scratch { get; } = new(-1, true);

    /// <summary>Tensors the kernel reads, as one array of pointers (order kept; a tensor may appear twice).</summary>
    public static KernelOperand InputList(IEnumerable<int> tensors) => new(-1, false, tensors.ToArray(), false);

    /// <summary>Tensors the kernel writes, as one array of pointers.</summary>
    public static KernelOperand OutputList(IEnumerable<int> tensors) => new(-1, false, tensors.ToArray(), true);

    public bool IsList => List.Length > 0;
}
