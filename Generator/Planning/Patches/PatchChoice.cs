using MicroGen.Ir;
using MicroGen.Planning.Streams;

namespace MicroGen.Planning.Patches;

/// <summary>
/// What --patches chose: a patch stage (MCUNetV2, halos recomputed), or row-streamed segments (line buffers, nothing
/// recomputed), or neither (layer by layer).
/// </summary>
public sealed record PatchChoice(PatchStage? Stage, EquatableArray<StreamSegment> Streams)
{
    public static PatchChoice PerLayer { get; } = new(null, []);

    public bool IsPerLayer => Stage is null && Streams.Length == 0;
}
