namespace MicroGen.Build;

/// <summary>Bytes a linked image uses in one memory region of the board, against the region's size.</summary>
public sealed record RegionUse(string Region, long UsedBytes, long SizeBytes);
