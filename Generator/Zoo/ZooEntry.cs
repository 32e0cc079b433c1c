namespace MicroGen.Zoo;

/// <summary>A known public model: where to download it, its sha256 and size, and what it is.</summary>
public sealed record ZooEntry(string Name, string Description, string Url, string Sha256, long Bytes, string Source);
