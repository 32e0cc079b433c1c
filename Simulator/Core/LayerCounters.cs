namespace MicroGen.Simulator.Core;

/// <summary>Running totals of one layer over its calls.</summary>
internal readonly record struct LayerCounters(ulong Cycles, ulong Instructions, int Calls);
