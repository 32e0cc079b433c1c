namespace MicroGen.Emit.Model;

/// <summary>A default input linked into the firmware.</summary>
public sealed record TestVectorModel(string Name, long Bytes, string Values);
