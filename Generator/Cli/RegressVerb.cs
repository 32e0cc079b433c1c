using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.Planning.Patches;
using MicroGen.Regress;

namespace MicroGen.Cli;

/// <summary>
/// `microgen regress --models DIR --boards a,b --baseline FILE [--update] [--tolerance T] [--shard i/n] [--json]`:
/// the model x board matrix compared with a baseline (cycles, peak SRAM, flash, outputs); exit 1 listing each regression.
/// </summary>
public sealed partial class RegressVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var models = new Option<string>("--models") { Description = "Folder of .tflite and .onnx models.", Required = true };
        var boards = new Option<string>("--boards") { Description = "Comma-separated board names.", Required = true };
        var baseline = new Option<string>("--baseline") { Description = "The baseline JSON file.", Required = true };
        var update = new Option<bool>("--update") { Description = "Write this run's results into the baseline instead of comparing." };
        var tolerance = new Option<string>("--tolerance") { Description = "Allowed growth: a fraction for all figures (0.02) or cycles=F,sram=F,flash=F.", DefaultValueFactory = _ => "0" };
        var shard = new Option<string>("--shard") { Description = "Run slice i of n of the matrix (i counts from 1), e.g. 2/4.", DefaultValueFactory = _ => "1/1" };
        var parallel = new Option<int>("--parallel") { Description = "Pairs run at once (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var patches = CommonOptions.Patches();
        var json = CommonOptions.Json();
        var command = new Command("regress", "Check a model x board matrix against a baseline: cycles, peak SRAM, flash and outputs.")
            { models, boards, baseline, update, tolerance, shard, parallel, patches, json };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(models)!;
            if (!Directory.Exists(folder))
            {
                throw new UserErrorException($"--models {folder}: no such folder");
            }
            var files = Directory.GetFiles(folder, "*.tflite").Concat(Directory.GetFiles(folder, "*.onnx")).Order(StringComparer.Ordinal).ToList();
            var catalog = BoardCatalog.Load();
            var chosen = parse.GetValue(boards)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(catalog.Get).ToList();
            var (index, count) = ParseShard(parse.GetValue(shard)!);
            var pairs = RegressionRunner.Matrix(files, chosen, index, count);
            var results = RegressionRunner.Run(folder, pairs, catalog, PatchSpec.Parse(parse.GetValue(patches)!), parse.GetValue(parallel));
            var baselinePath = parse.GetValue(baseline)!;
            if (parse.GetValue(update))
            {
                var existing = File.Exists(baselinePath) ? RegressionBaseline.Read(baselinePath) : new RegressionBaseline([]);
                existing.With(results).Write(baselinePath);
                Write(context, results, [], parse.GetValue(json));
                context.Out.WriteLine($"baseline {baselinePath} updated with {results.Count} results");
                return ExitCodes.Success;
            }
            if (!File.Exists(baselinePath))
            {
                throw new UserErrorException($"--baseline {baselinePath}: no such file (create it with --update)");
            }
            var regressions = RegressionRunner.Regressions(RegressionBaseline.Read(baselinePath), results, RegressionTolerance.Parse(parse.GetValue(tolerance)!));
            Write(context, results, regressions, parse.GetValue(json));
            return regressions.Count == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static void Write(CliContext context, IReadOnlyList<RegressionEntry> results, IReadOnlyList<string> regressions, bool json)
    {
        if (json)
        {
            context.WriteJson(new { Results = results, Regressions = regressions });
            return;
        }
        var n = CultureInfo.InvariantCulture;
        var rows = new List<string[]> { new[] { "model", "board", "status", "cycles", "peak SRAM", "flash" } };
        rows.AddRange(results.Select(r => new[] { r.Model, r.Board, r.Status.Length > 40 ? r.Status[..40] + "..." : r.Status,
            r.Cycles.ToString("N0", n), r.PeakSramBytes.ToString("N0", n), r.FlashBytes.ToString("N0", n) }));
        TextTable.Write(context.Out, rows, rightAligned: [3, 4, 5]);
        foreach (var line in regressions)
        {
            context.Out.WriteLine($"REGRESSION {line}");
        }
        context.Out.WriteLine(regressions.Count == 0 ? "no regressions" : $"{regressions.Count} regression(s)");
    }

    private static (int Index, int Count) ParseShard(string text)
    {
        var match = ShardPattern().Match(text);
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var i && int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is var n && (i < 1 || i > n))
        {
            throw new UserErrorException($"--shard '{text}': expected i/n with 1 <= i <= n");
        }
        return (i - 1, n);
    }

    [GeneratedRegex(@"^(\d+)/(\d+)$")]
    private static partial Regex ShardPattern();
}
