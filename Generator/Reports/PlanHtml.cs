using System.Globalization;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Planning;

namespace MicroGen.Reports;

/// <summary>Renders the plan report page (templates/report/plan.html.sbn): summary, the memory timeline as SVG, the buffers.</summary>
public static class PlanHtml
{
    public static string Render(PlanReport report, Graph graph, MemoryPlan plan)
    {
        var n = CultureInfo.InvariantCulture;
        string Bytes(long value) => value.ToString("N0", n) + " bytes";
        var model = new
        {
            Report = report,
            Peak = Bytes(report.PeakSramBytes),
            PeakOutside = Bytes(report.PeakSramBytesInputOutside),
            LowerBound = Bytes(report.LowerBoundBytes),
            Ratio = report.RatioToLowerBound.ToString("0.000", n),
            Scratch = Bytes(report.ScratchBytes),
            Patches = PatchSummary.Describe(report.Patch, report.Streams, report.MacOverhead),
            Timeline = TimelineModel.Of(plan, graph),
            Buffers = report.Buffers.OrderBy(b => b.FirstStep).ThenBy(b => b.Offset).Select(b => new
            {
                Offset = b.Offset.ToString("N0", n), Bytes = b.Bytes.ToString("N0", n), Steps = $"{b.FirstStep}-{b.LastStep}", b.Kind, b.Name,
            }).ToList(),
        };
        return new TemplateRenderer().Render("report/plan.html.sbn", model);
    }

}
