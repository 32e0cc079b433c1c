using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator;

/// <summary>
/// One memory region of a board. <paramref name="AliasOf"/> names another region whose bytes this
/// one mirrors (for example the STM32F7 ITCM alias of flash at 0x00200000); its size must not exceed the target's.
/// </summary>
public sealed record MemoryRegionSpec(string Name, uint Origin, uint Size, MemoryKind Kind, int WaitStates = 0, string? AliasOf = null);
