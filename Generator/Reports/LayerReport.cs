namespace MicroGen.Reports;

/// <summary>One layer as simulated: its function, operator, MACs, cycles, instructions, MAC per cycle and time at the clock.</summary>
public sealed record LayerReport(string Symbol, int Operator, string Kind, long Macs, long Cycles, long Instructions, double MacPerCycle, double Ms, int Calls);
