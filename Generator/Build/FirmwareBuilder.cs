using System.Text.RegularExpressions;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using MicroGen.Boards;
using MicroGen.Diagnostics;

namespace MicroGen.Build;

/// <summary>
/// Builds a generated project with its own Makefile (host cc, or arm-none-eabi-gcc) and measures the ELF: flash is
/// every allocated section loaded from flash (text, rodata, the .data image), static RAM every allocated section in RAM.
/// </summary>
public static partial class FirmwareBuilder
{
    public static BuildResult Build(string directory, Board board, string target = "")
    {
        var makefile = Path.Combine(directory, "Makefile");
        if (!File.Exists(makefile))
        {
            throw new UserErrorException($"{directory}: no Makefile; generate the project first (microgen generate)");
        }
        var arguments = new List<string> { "-s", "--no-print-directory" };
        if (target.Length > 0)
        {
            arguments.Add(target);
        }
        var result = ProcessRunner.Run("make", arguments, directory, TimeSpan.FromMinutes(10));
        var output = result.Stdout + result.Stderr;
        if (result.ExitCode != 0)
        {
            var overflow = OverflowPattern().Match(output);
            if (overflow.Success)
            {
                var region = overflow.Groups[1].Value;
                var size = board.Ram.Concat(board.Flash).FirstOrDefault(r => r.Name == region)?.Size ?? 0;
                throw new UserErrorException(
                    $"the firmware does not fit {board.Name}: region {region} ({size:N0} bytes) overflowed by {long.Parse(overflow.Groups[2].Value):N0} bytes");
            }
            var firstError = output.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? output.Trim();
            throw new UserErrorException($"{directory}: the build failed: {firstError.Trim()}");
        }
        var executable = Path.Combine(directory, board.IsHost ? "firmware" : "firmware.elf");
        if (target == "debug")
        {
            executable = Path.Combine(directory, board.IsHost ? "firmware-debug" : "firmware-debug.elf");
        }
        return Measure(executable, board);
    }

    public static BuildResult Measure(string executable, Board board)
    {
        if (!ELFReader.TryLoad(executable, out var elf))
        {
            throw new UserErrorException($"{executable}: not an ELF file");
        }
        using (elf)
        {
            long flash = 0, ram = 0;
            var perRegion = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var section in elf.Sections)
            {
                if (section is not ISection s || !s.Flags.HasFlag(SectionFlags.Allocatable))
                {
                    continue;
                }
                var (address, size) = SectionExtent(s);
                if (size == 0)
                {
                    continue;
                }
                var loads = s.Type != SectionType.NoBits;
                if (board.IsHost)
                {
                    if (loads)
                    {
                        flash += size;
                    }
                    else
                    {
                        ram += size;
                    }
                    continue;
                }
                var region = board.Ram.Concat(board.Flash).FirstOrDefault(r => address >= r.Origin && address < r.Origin + r.Size);
                var inFlash = region is not null && board.Flash.Contains(region);
                if (inFlash)
                {
                    flash += size;
                }
                else
                {
                    ram += size;
                    if (loads)
                    {
                        flash += size; // the .data image is stored in flash too
                    }
                }
                if (region is not null)
                {
                    perRegion[region.Name] = perRegion.GetValueOrDefault(region.Name) + size;
                }
            }
            var regions = board.Flash.Concat(board.Ram)
                .Select(r => new RegionUse(r.Name, perRegion.GetValueOrDefault(r.Name), r.Size)).ToList();
            return new BuildResult(executable, flash, ram, regions);
        }
    }

    private static (long Address, long Size) SectionExtent(ISection section) => section switch
    {
        Section<uint> s32 => (s32.LoadAddress, s32.Size),
        Section<ulong> s64 => ((long)s64.LoadAddress, (long)s64.Size),
        _ => (0, 0),
    };

    [GeneratedRegex(@"region `([^']+)' overflowed by (\d+) bytes")]
    private static partial Regex OverflowPattern();
}
