using System.Globalization;
using MicroGen.Cli;

namespace MicroGen.Bench;

/// <summary>The bench's text report: one row per model and board, then MAC per cycle by layer kind, then notes.</summary>
public static class BenchTable
{
    private static readonly CultureInfo N = CultureInfo.InvariantCulture;

    public static void Write(TextWriter o, IReadOnlyList<BenchEntry> entries, bool layers)
    {
        var rows = new List<string[]>
        {
            new[] { "model", "board", "status", "MACs", "instructions", "cycles", "ms", "MAC/cycle", "flash", "code", "peak SRAM",
                "portable instr.", "portable cycles", "ratio", "exact" },
        };
        foreach (var e in entries)
        {
            var (f, p) = (e.Optimized, e.Portable);
            rows.Add(
            [
                Path.GetFileNameWithoutExtension(e.Model), e.Board, e.Status, Count(e.Macs),
                f is null ? "-" : Count((long)f.Instructions), f is null ? "-" : Count((long)f.Cycles),
                f is null ? "-" : f.Milliseconds.ToString("0.00", N), f is null ? "-" : f.MacsPerCycle.ToString("0.000", N),
                f is null ? "-" : Count(f.FlashBytes), f is null ? "-" : Count(f.CodeBytes), f is null ? "-" : Count(f.PeakSramBytes),
                p is null ? "-" : Count((long)p.Instructions), p is null ? "-" : Count((long)p.Cycles),
                e.InstructionRatio == 0 ? "-" : e.InstructionRatio.ToString("0.000", N),
                f is null || p is null ? "-" : f.BitExact && p.BitExact ? "yes" : $"NO ({(f.BitExact ? "" : "optimised ")}{(p.BitExact ? "" : "portable")})".Replace(" )", ")"),
            ]);
        }
        TextTable.Write(o, rows, rightAligned: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);

        var kinds = new List<string[]> { new[] { "model", "board", "kind", "layers", "MACs", "instructions", "MAC/cycle", "portable instr.", "portable MAC/cycle", "ratio" } };
        foreach (var e in entries.Where(e => e.Optimized is not null && e.Portable is not null))
        {
            foreach (var k in e.Optimized!.Kinds)
            {
                var baseline = e.Portable!.Kinds.FirstOrDefault(b => b.Kind == k.Kind);
                kinds.Add(
                [
                    Path.GetFileNameWithoutExtension(e.Model), e.Board, k.Kind, k.Layers.ToString(N), Count(k.Macs), Count((long)k.Instructions),
                    k.MacsPerCycle.ToString("0.000", N), baseline is null ? "-" : Count((long)baseline.Instructions),
                    baseline is null ? "-" : baseline.MacsPerCycle.ToString("0.000", N),
                    baseline is null || baseline.Instructions == 0 ? "-" : (k.Instructions / (double)baseline.Instructions).ToString("0.000", N),
                ]);
            }
        }
        if (kinds.Count > 1)
        {
            o.WriteLine();
            TextTable.Write(o, kinds, rightAligned: [3, 4, 5, 6, 7, 8, 9]);
        }

        if (layers)
        {
            foreach (var e in entries.Where(e => e.Optimized is not null && e.Portable is not null))
            {
                o.WriteLine();
                o.WriteLine($"{e.Model} on {e.Board}:");
                var rowsL = new List<string[]> { new[] { "op", "kind", "MACs", "instructions", "cycles", "MAC/cycle", "portable instr.", "ratio" } };
                foreach (var l in e.Optimized!.Layers)
                {
                    var b = e.Portable!.Layers.FirstOrDefault(x => x.Operator == l.Operator);
                    rowsL.Add(
                    [
                        l.Operator.ToString(N), l.Kind, Count(l.Macs), Count((long)l.Instructions), Count((long)l.Cycles), l.MacsPerCycle.ToString("0.000", N),
                        b is null ? "-" : Count((long)b.Instructions),
                        b is null || b.Instructions == 0 ? "-" : (l.Instructions / (double)b.Instructions).ToString("0.000", N),
                    ]);
                }
                TextTable.Write(o, rowsL, rightAligned: [0, 2, 3, 4, 5, 6, 7]);
            }
        }

        var notes = entries.Where(e => e.Status != "ok").ToList();
        if (notes.Count > 0 || entries.Any(e => e.Optimized is not null))
        {
            o.WriteLine();
        }
        foreach (var e in notes)
        {
            o.WriteLine(e.Status == "partial"
                ? $"{e.Model} on {e.Board}: partial, {e.MeasuredOperators} of {e.Operators} operators measured (no C kernel yet: {string.Join(", ", e.Missing)})"
                : $"{e.Model} on {e.Board}: {e.Status}: {e.Error}");
        }
        foreach (var e in entries.Where(e => e.Optimized is not null && e.Portable is not null))
        {
            o.WriteLine($"{e.Model} on {e.Board}: code {Count(e.Optimized!.CodeBytes)} bytes (portable {Count(e.Portable!.CodeBytes)}), "
                + $"growth {(e.Optimized.CodeBytes - e.Portable.CodeBytes).ToString("N0", N)} bytes = {e.CodeGrowthOfWeights.ToString("P1", N)} of {Count(e.WeightBytes)} weight bytes");
        }
    }

    private static string Count(long value) => value.ToString("N0", N);
}
