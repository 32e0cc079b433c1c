using MicroGen.Ir;

namespace MicroGen.Planning;

/// <summary>
/// A block of arena memory. It holds one tensor, several tensors that share storage (aliases, in-place and streamed
/// results) at fixed offsets, or one step's kernel scratch. <see cref="Segments"/> say which bytes are in use when;
/// FirstStep/LastStep span them all and Bytes is the extent.
/// </summary>
public sealed record LogicalBuffer(
    int Id,
    string Name,
    BufferKind Kind,
    long Bytes,
    int FirstStep,
    int LastStep,
    EquatableArray<TensorPlacement> Tensors,
    int ScratchStep,
    EquatableArray<BufferSegment> Segments)
{
    public static LogicalBuffer Simple(int id, string name, BufferKind kind, long bytes, int first, int last, int scratchStep = -1) =>
        new(id, name, kind, bytes, first, last, EquatableArray<TensorPlacement>.Empty, scratchStep, new[] { new BufferSegment(first, last, 0, bytes) });

    public bool LiveAt(int step) => Segments.Any(s => s.First <= step && step <= s.Last);

    public bool Overlaps(LogicalBuffer other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}
