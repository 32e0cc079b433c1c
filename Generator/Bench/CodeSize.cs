using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace MicroGen.Bench;

/// <summary>Code bytes of a linked firmware: the sizes of all function symbols in its symbol table.</summary>
public static class CodeSize
{
    public static long Of(string executable)
    {
        if (!ELFReader.TryLoad(executable, out var elf))
        {
            return 0;
        }
        using (elf)
        {
            return elf.TryGetSection(".symtab", out var section) switch
            {
                true when section is SymbolTable<uint> table => table.Entries.Where(e => e.Type == SymbolType.Function).Sum(e => (long)e.Size),
                true when section is SymbolTable<ulong> table => table.Entries.Where(e => e.Type == SymbolType.Function).Sum(e => (long)e.Size),
                _ => 0,
            };
        }
    }
}
