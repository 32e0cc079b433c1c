using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace MicroGen.Simulator.Elf;

/// <summary>An ARM ELF executable reduced to what the simulator needs: load segments, entry point and symbols.</summary>
public sealed class ElfImage
{
    private readonly Dictionary<string, ElfSymbol> byName;

    private ElfImage(IReadOnlyList<ElfSegment> segments, uint entry, IReadOnlyList<ElfSymbol> symbols)
    {
        Segments = segments;
        Entry = entry;
        Symbols = symbols;
        byName = new Dictionary<string, ElfSymbol>(StringComparer.Ordinal);
        foreach (ElfSymbol symbol in symbols)
        {
            // The first definition wins (global symbols sort before duplicates of local ones below).
            byName.TryAdd(symbol.Name, symbol);
        }
    }

    public IReadOnlyList<ElfSegment> Segments { get; }

    public uint Entry { get; }

    /// <summary>Named symbols (objects, functions, untyped labels), ordered by address then name.</summary>
    public IReadOnlyList<ElfSymbol> Symbols { get; }

    public ElfSymbol? FindSymbol(string name) => byName.GetValueOrDefault(name);

    /// <summary>Loads an ELF file; malformed or non-ARM input gives an error message instead of an exception.</summary>
    public static bool TryLoad(string path, out ElfImage? image, out string error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            image = null;
            error = $"cannot read ELF file '{path}': {e.Message}";
            return false;
        }

        return TryLoad(bytes, out image, out error);
    }

    public static bool TryLoad(byte[] bytes, out ElfImage? image, out string error)
    {
        image = null;
        if (bytes.Length < 52 || bytes[0] != 0x7F || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            error = "not an ELF file (bad magic number or shorter than an ELF header)";
            return false;
        }

        if (bytes[4] != 1 || bytes[5] != 1)
        {
            error = "not a 32-bit little-endian ELF file (Cortex-M firmware is ELF32, little-endian)";
            return false;
        }

        try
        {
            return TryParse(bytes, out image, out error);
        }
#pragma warning disable CA1031 // A malformed file can make the ELF library throw anything; it becomes a clear error.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = $"malformed ELF file: {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    private static bool TryParse(byte[] bytes, out ElfImage? image, out string error)
    {
        image = null;
        using var stream = new MemoryStream(bytes, writable: false);
        if (!ELFReader.TryLoad<uint>(stream, false, out ELF<uint> elf))
        {
            error = "malformed ELF file: the ELF reader rejected it";
            return false;
        }

        using (elf)
        {
            if (elf.Machine != ELFSharp.ELF.Machine.ARM)
            {
                error = $"ELF machine is {elf.Machine}, expected ARM";
                return false;
            }

            var segments = new List<ElfSegment>();
            foreach (Segment<uint> segment in elf.Segments)
            {
                if (segment.Type != SegmentType.Load || segment.Size == 0)
                {
                    continue;
                }

                byte[] contents = segment.GetFileContents();
                if ((ulong)segment.PhysicalAddress + Math.Max((ulong)contents.Length, segment.Size) > 0x1_0000_0000UL)
                {
                    error = $"segment at 0x{segment.PhysicalAddress:X8} runs past the 4 GB address space";
                    return false;
                }

                segments.Add(new ElfSegment(segment.PhysicalAddress, segment.Address, contents, segment.Size));
            }

            if (segments.Count == 0)
            {
                error = "the ELF file has no loadable segment";
                return false;
            }

            var symbols = new List<ElfSymbol>();
            if (elf.TryGetSection(".symtab", out Section<uint> section) && section is SymbolTable<uint> table)
            {
                foreach (SymbolEntry<uint> entry in table.Entries)
                {
                    if (string.IsNullOrEmpty(entry.Name) || entry.Type is SymbolType.File or SymbolType.Section || entry.Name.StartsWith('$'))
                    {
                        continue;
                    }

                    bool function = entry.Type == SymbolType.Function;
                    symbols.Add(new ElfSymbol(entry.Name, function ? entry.Value & ~1u : entry.Value, entry.Size, function));
                }
            }

            symbols.Sort((a, b) => a.Address != b.Address ? a.Address.CompareTo(b.Address) : string.CompareOrdinal(a.Name, b.Name));
            image = new ElfImage(segments, ReadEntry(bytes), symbols);
            error = string.Empty;
            return true;
        }
    }

    private static uint ReadEntry(byte[] bytes) => BitConverter.ToUInt32(bytes, 24);
}
