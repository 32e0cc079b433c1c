using MicroGen.Ir;

namespace MicroGen.Planning;

/// <summary>
/// Where everything lives during one invocation: the operator order, every buffer with its lifetime and arena offset,
/// the arena size and the lower bound no placement can beat for these buffers.
/// </summary>
public sealed record MemoryPlan(
    EquatableArray<PlannedStep> Steps,
    EquatableArray<LogicalBuffer> Buffers,
    EquatableArray<long> Offsets,
    long ArenaBytes,
    long LowerBoundBytes,
    string Placement)
{
    /// <summary>The arena offset of a non-constant tensor.</summary>
    public long TensorOffset(int tensor)
    {
        for (var b = 0; b < Buffers.Length; b++)
        {
            foreach (var placement in Buffers[b].Tensors)
            {
                if (placement.Tensor == tensor)
                {
                    return Offsets[b] + placement.Offset;
                }
            }
        }
        throw new ArgumentException($"tensor {tensor} has no buffer in the plan");
    }

    public LogicalBuffer BufferOf(int tensor) =>
        Buffers.First(b => b.Tensors.Any(p => p.Tensor == tensor));

    public long ScratchOffset(PlannedStep step) => step.ScratchBuffer < 0 ? -1 : Offsets[step.ScratchBuffer];

    public long ScratchBytes => Buffers.Where(b => b.Kind == BufferKind.Scratch).Select(b => b.Bytes).DefaultIfEmpty(0).Max();

    /// <summary>Peak bytes live at one step (the sum of live buffers): the plan's lower bound is the maximum of this.</summary>
    public long LiveBytesAt(int step) => Buffers.Where(b => b.LiveAt(step)).Sum(b => b.Bytes);

    public double RatioToLowerBound => LowerBoundBytes == 0 ? 1.0 : (double)ArenaBytes / LowerBoundBytes;
}
