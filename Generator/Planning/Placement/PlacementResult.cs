namespace MicroGen.Planning.Placement;

/// <summary>Offsets per block, the resulting arena size, and the method that found them.</summary>
public sealed record PlacementResult(long[] Offsets, long Total, string Method);
