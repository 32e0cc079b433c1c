namespace MicroGen.Simulator;

/// <summary>Bytes written over a symbol after loading (for example a model input), checked against the symbol's size.</summary>
public sealed record MemoryPatch(string Symbol, byte[] Bytes, uint Offset = 0);
