using MicroGen.Ir;

namespace MicroGen.Planning.Streams;

/// <summary>
/// Where a segment's window buffers live inside the segment's scratch block (offsets relative to it, aligned with
/// <see cref="StreamSegment.Tensors"/>; -1 for the input and output, which are full tensors in the arena), the one
/// kernel scratch area its operators take turns in (-1: none), and the block's size. Every window lives through every band.
/// </summary>
public sealed record StreamLayout(EquatableArray<long> WindowOffsets, long ScratchOffset, long Bytes)
{
    public long OffsetOf(StreamSegment segment, int tensor) => WindowOffsets[segment.IndexOf(tensor)];
}
