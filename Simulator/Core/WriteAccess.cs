namespace MicroGen.Simulator.Core;

/// <summary>A store seen by the write observer: address, size in bytes, the storing instruction, and the layer running.</summary>
public readonly record struct WriteAccess(uint Address, int Size, uint Pc, string? Layer);
