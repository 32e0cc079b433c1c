using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Where one patch's buffers live inside the stage's scratch block (offsets relative to it): the copied-in input patch,
/// each operator's output patch, each operator's kernel scratch (-1 when none), and the block's size.
/// </summary>
public sealed record PatchLayout(long InputOffset, EquatableArray<long> OutputOffsets, EquatableArray<long> ScratchOffsets, long Bytes);
