namespace MicroGen.Simulator.Core;

/// <summary>A layer function being executed: where it returns to, and the counters when it was entered.</summary>
internal readonly record struct LayerFrame(string Name, uint ReturnAddress, ulong StartCycles, ulong StartInstructions);
