namespace MicroGen.Emit.Model;

/// <summary>A memory region with origin and size as hex text for the linker script.</summary>
public sealed record RegionModel(string Name, string Origin, string Size);
