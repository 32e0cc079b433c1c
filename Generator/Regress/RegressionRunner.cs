using System.Security.Cryptography;
using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Planning.Patches;
using MicroGen.Verify;

namespace MicroGen.Regress;

/// <summary>
/// Runs the model x board matrix (or one shard of it) in parallel: each pair is planned, fit-checked, generated, built,
/// run (simulator for MCU boards, process for the host) on one seeded input set and checked against the reference.
/// </summary>
public static class RegressionRunner
{
    public static IReadOnlyList<(string Model, string Board)> Matrix(IReadOnlyList<string> models, IReadOnlyList<Board> boards, int shard, int shards) =>
        models.SelectMany(m => boards.Select(b => (Model: Path.GetFileName(m), Board: b.Name)))
            .OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Board, StringComparer.Ordinal)
            .Where((_, i) => i % shards == shard)
            .ToList();

    public static IReadOnlyList<RegressionEntry> Run(string modelsFolder, IReadOnlyList<(string Model, string Board)> pairs, BoardCatalog catalog,
        PatchSpec patches, int parallelism)
    {
        var results = new RegressionEntry[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            results[i] = RunOne(Path.Combine(modelsFolder, pairs[i].Model), catalog.Get(pairs[i].Board), patches);
        });
        return results;
    }

    private static RegressionEntry RunOne(string modelPath, Board board, PatchSpec patches)
    {
        var model = Path.GetFileName(modelPath);
        var folder = Directory.CreateTempSubdirectory("microgen-regress-").FullName;
        try
        {
            var prepared = ModelPipeline.Prepare(modelPath, board, patches);
            var target = board.IsHost ? ExecutionTarget.Host : ExecutionTarget.Simulator;
            var report = FirmwareVerifier.Verify(prepared, folder, target, [SeededInputs.Create(prepared.Original, 1)]);
            var outputs = report.Cases[0].Actual.SelectMany(o => o).ToArray();
            var stack = (long)(report.Simulation?.PeakStackBytes ?? 0);
            return new RegressionEntry(model, board.Name, report.Passed ? "ok" : "differs", (long)(report.Simulation?.Cycles ?? 0),
                prepared.Plan.ArenaBytes + stack, report.Build.FlashBytes, Convert.ToHexString(SHA256.HashData(outputs)).ToLowerInvariant());
        }
        catch (UserErrorException e)
        {
            // A pair that cannot be built for the board (does not fit, unsupported operator) is recorded as such.
            return new RegressionEntry(model, board.Name, e.Message.Contains("does not fit") ? "does not fit" : "error: " + e.Message, 0, 0, 0, "");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Every way <paramref name="current"/> is worse than <paramref name="baseline"/>, one line each.</summary>
    public static IReadOnlyList<string> Regressions(RegressionBaseline baseline, IReadOnlyList<RegressionEntry> current, RegressionTolerance tolerance)
    {
        var lines = new List<string>();
        var byKey = baseline.Entries.ToDictionary(e => e.Key);
        foreach (var now in current)
        {
            if (!byKey.TryGetValue(now.Key, out var before))
            {
                lines.Add($"{now.Key}: not in the baseline (run with --update to add it)");
                continue;
            }
            if (before.Status != now.Status)
            {
                lines.Add($"{now.Key}: status {before.Status} -> {now.Status}");
                continue;
            }
            if (now.Status != "ok")
            {
                continue;
            }
            if (now.OutputsSha256 != before.OutputsSha256)
            {
                lines.Add($"{now.Key}: outputs changed (sha256 {before.OutputsSha256[..12]}... -> {now.OutputsSha256[..12]}...)");
            }
            Check(lines, now.Key, "cycles", before.Cycles, now.Cycles, tolerance.Cycles);
            Check(lines, now.Key, "peak SRAM", before.PeakSramBytes, now.PeakSramBytes, tolerance.Sram);
            Check(lines, now.Key, "flash", before.FlashBytes, now.FlashBytes, tolerance.Flash);
        }
        return lines;
    }

    private static void Check(List<string> lines, string key, string figure, long before, long now, double tolerance)
    {
        if (now > before * (1 + tolerance))
        {
            lines.Add($"{key}: {figure} {before:N0} -> {now:N0} (+{(double)(now - before) / Math.Max(1, before):P1}, tolerance {tolerance:P1})");
        }
    }
}
