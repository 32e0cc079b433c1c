namespace MicroGen.Simulator;

/// <summary>A permissive peripheral range: writes ignored, reads give the reset value of the word (offset from Origin) or 0.</summary>
public sealed record IgnoredPeripheralSpec(string Name, uint Origin, uint Size, IReadOnlyDictionary<uint, uint>? ResetValues = null);
