namespace MicroGen.Simulator.Elf;

/// <summary>A loadable segment: bytes to place at the physical (load) address; the rest up to MemorySize is zero.</summary>
public sealed record ElfSegment(uint PhysicalAddress, uint VirtualAddress, byte[] FileBytes, uint MemorySize);
