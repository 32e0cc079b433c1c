using MicroGen.Ir;

namespace MicroGen.Planning;

/// <summary>
/// A block of arena memory with a lifetime in execution steps (inclusive). It holds one tensor, several tensors that
/// share storage (aliases, in-place results) at fixed offsets, or one step's kernel scratch.
/// </summary>
public sealed record LogicalBuffer(
    int Id,
    string Name,
    BufferKind Kind,
    long Bytes,
    int FirstStep,
    int LastStep,
    EquatableArray<TensorPlacement> Tensors,
    int ScratchStep)
{
    public bool LiveAt(int step) => FirstStep <= step && step <= LastStep;

    public bool Overlaps(LogicalBuffer other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}
