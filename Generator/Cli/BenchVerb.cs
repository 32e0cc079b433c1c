using System.CommandLine;
using System.Globalization;
using MicroGen.Bench;
using MicroGen.Boards;
using MicroGen.Diagnostics;

namespace MicroGen.Cli;

/// <summary>
/// `microgen bench --models DIR --boards a,b [--json] [--parallel N] [--layers]`: per model and board, the simulator's
/// instructions and cycles per inference, milliseconds at the board clock, MAC per cycle (overall and per layer kind),
/// flash and code bytes and peak SRAM, for MicroGen's kernels and for the plain portable kernels side by side.
/// </summary>
public sealed class BenchVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var models = new Option<string>("--models") { Description = "A folder of .tflite models, or one model file.", Required = true };
        var boards = new Option<string>("--boards") { Description = "Comma-separated board names (MCU boards: they run in the simulator).", Required = true };
        var parallel = new Option<int>("--parallel") { Description = "Model x board pairs measured at once.", DefaultValueFactory = _ => 1 };
        var layers = new Option<bool>("--layers") { Description = "Also print every layer's instructions and cycles." };
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure models on boards in the simulator: optimised kernels against the portable baseline.")
            { models, boards, parallel, layers, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(models)!;
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.tflite").Order(StringComparer.Ordinal).ToList()
                : File.Exists(path) ? [path]
                : throw new UserErrorException($"--models {path}: no such folder or file");
            var catalog = BoardCatalog.Load();
            var chosen = parse.GetValue(boards)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(catalog.Get).ToList();
            var results = BenchRunner.Run(files, chosen, parse.GetValue(parallel),
                e => context.Err.WriteLine($"bench: {e.Model} on {e.Board}: {e.Status}"));
            if (parse.GetValue(json))
            {
                context.WriteJson(results);
            }
            else
            {
                BenchTable.Write(context.Out, results, parse.GetValue(layers));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
