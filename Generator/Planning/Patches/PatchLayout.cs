using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Where one patch's buffers live inside the stage's scratch block (offsets relative to it): one buffer per stage tensor
/// (aligned with <see cref="PatchStage.Tensors"/>), each operator's kernel scratch (-1 when none), the block's size, and
/// the reduction tail's int32 accumulators (offset -1 and 0 bytes without a tail).
/// </summary>
public sealed record PatchLayout(EquatableArray<long> TensorOffsets, EquatableArray<long> ScratchOffsets, long Bytes,
    long AccumulatorOffset = -1, long AccumulatorBytes = 0)
{
    public long OffsetOf(PatchStage stage, int tensor) => TensorOffsets[stage.Tensors.AsSpan().IndexOf(tensor)];
}
