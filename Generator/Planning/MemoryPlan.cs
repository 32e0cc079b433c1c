using MicroGen.Ir;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Streams;

namespace MicroGen.Planning;

/// <summary>
/// Where everything lives during one invocation: the operator order, every buffer with its lifetime and arena offset,
/// the arena size and the lower bound no placement of these buffers can beat; with a patch stage, the stage and the
/// layout of one patch's buffers inside the stage's scratch block; with row-streamed segments, each segment and the
/// layout of its windows inside its step's scratch block.
/// </summary>
public sealed record MemoryPlan(
    EquatableArray<PlannedStep> Steps,
    EquatableArray<LogicalBuffer> Buffers,
    EquatableArray<long> Offsets,
    long ArenaBytes,
    long LowerBoundBytes,
    string Placement,
    PatchStage? Patch = null,
    PatchLayout? PatchLayout = null,
    EquatableArray<StreamSegment> Streams = default,
    EquatableArray<StreamLayout> StreamLayouts = default)
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

    public bool HasBuffer(int tensor) => Buffers.Any(b => b.Tensors.Any(p => p.Tensor == tensor));

    public LogicalBuffer BufferOf(int tensor) =>
        Buffers.First(b => b.Tensors.Any(p => p.Tensor == tensor));

    public long ScratchOffset(PlannedStep step) => step.ScratchBuffer < 0 ? -1 : Offsets[step.ScratchBuffer];

    /// <summary>The largest kernel scratch of one step (a patch stage's block counts as the stage's scratch).</summary>
    public long ScratchBytes => Buffers.Where(b => b.Kind == BufferKind.Scratch).Select(b => b.Bytes).DefaultIfEmpty(0).Max();

    public double RatioToLowerBound => LowerBoundBytes == 0 ? 1.0 : (double)ArenaBytes / LowerBoundBytes;
}
