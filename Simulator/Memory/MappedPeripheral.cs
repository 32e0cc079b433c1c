namespace MicroGen.Simulator.Memory;

/// <summary>A peripheral placed at a base address on the bus.</summary>
internal sealed record MappedPeripheral(uint Base, IPeripheral Device, string Name);
