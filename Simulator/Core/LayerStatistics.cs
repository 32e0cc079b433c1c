namespace MicroGen.Simulator.Core;

/// <summary>Cycles and instructions attributed to one layer function (callees included), summed over its calls.</summary>
public sealed record LayerStatistics(string Name, ulong Cycles, ulong Instructions, int Calls);
