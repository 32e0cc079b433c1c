namespace MicroGen.Emit.Model;

/// <summary>A per-band table of byte offsets in a row-streamed segment (where an operand starts in each band).</summary>
public sealed record BandTableModel(string Name, IReadOnlyList<long> Values);
