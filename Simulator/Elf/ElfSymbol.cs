namespace MicroGen.Simulator.Elf;

/// <summary>A symbol from the ELF symbol table (function addresses keep their Thumb bit cleared).</summary>
public sealed record ElfSymbol(string Name, uint Address, uint Size, bool IsFunction);
