namespace MicroGen.Boards;

/// <summary>A flash or RAM region of a board: linker-script name, origin, size; flash wait states where it matters.</summary>
public sealed record MemoryRegion(string Name, long Origin, long Size, int WaitStates);
