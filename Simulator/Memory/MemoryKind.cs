namespace MicroGen.Simulator.Memory;

/// <summary>What a memory region is: flash is read-only to the core, RAM is read-write.</summary>
public enum MemoryKind
{
    Flash,
    Ram,
}
