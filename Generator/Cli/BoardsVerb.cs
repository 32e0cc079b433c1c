using System.CommandLine;
using System.Globalization;
using MicroGen.Boards;

namespace MicroGen.Cli;

/// <summary>`microgen boards [--json]`: the board profiles and their limits.</summary>
public sealed class BoardsVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("boards", "List the board profiles with their core, clock, flash and RAM.") { json };
        command.SetAction(parse =>
        {
            var boards = BoardCatalog.Load().All.ToList();
            if (parse.GetValue(json))
            {
                context.WriteJson(boards.Select(b => new
                {
                    b.Name, b.Description, Core = b.CoreName, Fpu = b.Fpu.ToString(), b.Dsp, b.ClockHz,
                    FlashBytes = b.IsHost ? 0 : b.TotalFlashBytes, RamBytes = b.IsHost ? 0 : b.TotalRamBytes,
                    Ram = b.Ram.Select(r => new { r.Name, r.Origin, r.Size }), b.QemuMachine, b.RenodePlatform,
                }));
                return ExitCodes.Success;
            }
            var n = CultureInfo.InvariantCulture;
            var rows = new List<string[]> { new[] { "board", "core", "fpu", "dsp", "clock", "flash", "RAM (regions)", "QEMU", "Renode" } };
            foreach (var b in boards)
            {
                rows.Add(b.IsHost
                    ? [b.Name, "host", "-", "-", "-", "-", "-", "-", "-"]
                    : [b.Name, b.CoreName, b.Fpu.ToString().ToLowerInvariant(), b.Dsp ? "yes" : "no", $"{b.ClockHz / 1_000_000} MHz",
                        $"{b.TotalFlashBytes / 1024} KB", $"{b.TotalRamBytes / 1024} KB (" + string.Join(" + ", b.Ram.Select(r => $"{r.Name} {r.Size / 1024}K")) + ")",
                        b.QemuMachine ?? "-", b.RenodePlatform is null ? "-" : Path.GetFileName(b.RenodePlatform)]);
            }
            TextTable.Write(context.Out, rows);
            return ExitCodes.Success;
        });
        return command;
    }
}
