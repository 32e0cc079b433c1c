using System.Globalization;
using MicroGen.Emit;
using MicroGen.Pipeline;

namespace MicroGen.Reports;

/// <summary>Renders the self-contained run report page (templates/report/run.html.sbn): summary, memory, timeline, layers.</summary>
public static class RunHtml
{
    public static string Render(RunReport report, PreparedModel model)
    {
        var n = CultureInfo.InvariantCulture;
        string Bytes(long value) => value.ToString("N0", n) + " bytes";
        var regions = BarChartModel.Of(report.Regions.Select(r => (r.Region, (double)r.UsedBytes, (double)r.SizeBytes,
            $"{r.UsedBytes.ToString("N0", n)} of {r.SizeBytes.ToString("N0", n)} ({100.0 * r.UsedBytes / Math.Max(1, r.SizeBytes):0.0}%)")));
        var sram = BarChartModel.Of(new (string, double, double, string)[]
        {
            ("arena: activations", report.ArenaBytes - report.ScratchBytes, 0, Bytes(report.ArenaBytes - report.ScratchBytes)),
            ("arena: largest scratch", report.ScratchBytes, 0, Bytes(report.ScratchBytes)),
            ("stack (measured peak)", report.StackPeakBytes, 0, Bytes(report.StackPeakBytes)),
        });
        var layers = BarChartModel.Of(report.Layers.Select(l => ($"{l.Operator} {l.Kind}", (double)l.Cycles, 0.0,
            $"{l.Cycles.ToString("N0", n)} cycles, {l.MacPerCycle.ToString("0.000", n)} MAC/cycle")));
        var page = new
        {
            Report = report,
            Verdict = report.Passed ? "bit-exact with the reference interpreter, within the memory plan" : "FAILED",
            Cycles = report.Cycles.ToString("N0", n),
            Instructions = report.Instructions.ToString("N0", n),
            Ms = report.MsAtClock.ToString("0.000", n),
            Clock = (report.ClockHz / 1e6).ToString("0.#", n),
            Macs = report.TotalMacs.ToString("N0", n),
            MacPerCycle = report.MacPerCycle.ToString("0.000", n),
            Flash = Bytes(report.FlashBytes),
            StaticRam = Bytes(report.StaticRamBytes),
            Peak = Bytes(report.PeakSramBytes),
            Arena = Bytes(report.ArenaBytes),
            LowerBound = Bytes(report.LowerBoundBytes),
            Patches = PatchSummary.Describe(report.Patch, report.Streams, report.MacOverhead),
            RegionChart = regions,
            SramChart = sram,
            LayerChart = layers,
            LayerRows = report.Layers.Select(l => new
            {
                l.Operator, l.Kind, Macs = l.Macs.ToString("N0", n), Cycles = l.Cycles.ToString("N0", n), Instructions = l.Instructions.ToString("N0", n),
                MacPerCycle = l.MacPerCycle.ToString("0.000", n), Ms = l.Ms.ToString("0.000", n), l.Calls,
            }).ToList(),
            Timeline = TimelineModel.Of(model.Plan, model.Graph),
        };
        return new TemplateRenderer().Render("report/run.html.sbn", page);
    }
}
