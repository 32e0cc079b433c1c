using System.Globalization;
using System.Text;
using System.Text.Json;
using MicroGen.IO;
using MicroGen.Pipeline;

namespace MicroGen.Reports;

/// <summary>Writes a run report as report.txt, report.json and report.html (self-contained, SVG pictures) into a folder.</summary>
public static class RunReportFiles
{
    public static string Write(string folder, RunReport report, PreparedModel model, JsonSerializerOptions json)
    {
        var html = Path.Combine(folder, "report.html");
        AtomicFiles.WriteAll(
        [
            (Path.Combine(folder, "report.txt"), Encoding.UTF8.GetBytes(Text(report))),
            (Path.Combine(folder, "report.json"), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(report, json) + "\n")),
            (html, Encoding.UTF8.GetBytes(RunHtml.Render(report, model))),
        ]);
        return html;
    }

    public static string Text(RunReport r)
    {
        var n = CultureInfo.InvariantCulture;
        var o = new StringWriter(n);
        o.WriteLine($"{r.Model} on {r.Board} ({r.Core}, {r.ClockHz / 1e6:0.#} MHz), run on the {r.Target}: "
            + (r.Passed ? "bit-exact with the reference interpreter, within the memory plan" : "FAILED"));
        foreach (var line in new[] { r.FirstMismatch, r.MemoryViolation }.Concat(r.MemoryProblems).OfType<string>())
        {
            o.WriteLine($"  {line}");
        }
        o.WriteLine($"  inference: {r.Cycles.ToString("N0", n)} cycles, {r.Instructions.ToString("N0", n)} instructions, {r.MsAtClock.ToString("0.000", n)} ms; "
            + $"{r.TotalMacs.ToString("N0", n)} MACs, {r.MacPerCycle.ToString("0.000", n)} MAC/cycle");
        o.WriteLine($"  flash {r.FlashBytes.ToString("N0", n)} bytes; static RAM {r.StaticRamBytes.ToString("N0", n)} bytes; peak SRAM {r.PeakSramBytes.ToString("N0", n)} bytes "
            + $"(arena {r.ArenaBytes.ToString("N0", n)} incl. scratch {r.ScratchBytes.ToString("N0", n)}, stack {r.StackPeakBytes.ToString("N0", n)})");
        foreach (var region in r.Regions)
        {
            o.WriteLine($"  region {region.Region}: {region.UsedBytes.ToString("N0", n)} of {region.SizeBytes.ToString("N0", n)} bytes");
        }
        if (r.Patch is not null || r.Streams.Count > 0)
        {
            o.WriteLine($"  patches: {PatchSummary.Describe(r.Patch, r.Streams, r.MacOverhead)}");
        }
        foreach (var l in r.Layers)
        {
            o.WriteLine($"  layer {l.Operator,4} {l.Kind,-20} {l.Macs,12:N0} MACs {l.Cycles,12:N0} cycles {l.MacPerCycle,7:0.000} MAC/cycle {l.Ms,9:0.000} ms");
        }
        return o.ToString();
    }
}
