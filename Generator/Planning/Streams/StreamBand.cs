using MicroGen.Ir;
using MicroGen.Planning.Patches;

namespace MicroGen.Planning.Streams;

/// <summary>
/// One band of a <see cref="StreamSegment"/>: the rows each operator computes (aligned with
/// <see cref="StreamSegment.Operators"/>; empty when it computes none in this band), and the rows each stage tensor's
/// buffer holds once the band's operators have run (aligned with <see cref="StreamSegment.Tensors"/>). Regions span the
/// full width. A window tensor's buffer holds its rows from its first byte: row r sits at row r - Held.Y0.
/// </summary>
public sealed record StreamBand(EquatableArray<PatchRegion> Computed, EquatableArray<PatchRegion> Held);
