using System.Globalization;
using MicroGen.Planning;

namespace MicroGen.Reports;

/// <summary>The geometry of the memory-timeline picture (SVG): boxes per buffer, axis ticks. Pure data for the template.</summary>
public sealed record TimelineModel(
    int Width, int Height, int Left, int Top, int PlotWidth, int PlotHeight,
    IReadOnlyList<TimelineBox> Boxes, IReadOnlyList<TimelineTick> StepTicks, IReadOnlyList<TimelineTick> OffsetTicks)
{
    public static TimelineModel Of(MemoryPlan plan, Func<LogicalBuffer, string> describe)
    {
        const int width = 960, height = 420, left = 78, top = 10, plotWidth = width - left - 12, plotHeight = height - top - 46;
        var steps = Math.Max(1, plan.Steps.Length);
        var arena = Math.Max(1, plan.ArenaBytes);
        double X(double step) => left + step * plotWidth / steps;
        double Y(double offset) => top + plotHeight - offset * plotHeight / arena;
        var n = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", n);
        var boxes = plan.Buffers.Select((b, i) => new TimelineBox(
            F(X(b.FirstStep)), F(Y(plan.Offsets[i] + b.Bytes)), F(Math.Max(0.5, X(b.LastStep + 1) - X(b.FirstStep))),
            F(Math.Max(0.5, (double)b.Bytes * plotHeight / arena)), b.Kind.ToString().ToLowerInvariant(),
            $"{describe(b)}\n{b.Bytes.ToString("N0", n)} bytes at offset {plan.Offsets[i].ToString("N0", n)}, steps {b.FirstStep}-{b.LastStep}")).ToList();
        var xEvery = Math.Max(1, (int)Math.Ceiling(steps / 20.0));
        var stepTicks = Enumerable.Range(0, steps).Where(s => s % xEvery == 0)
            .Select(s => new TimelineTick(F(X(s + 0.5)), s.ToString(n))).ToList();
        var yStep = NiceStep(arena / 6.0);
        var offsetTicks = new List<TimelineTick>();
        for (var v = 0L; v <= arena; v += yStep)
        {
            offsetTicks.Add(new TimelineTick(F(Y(v)), v.ToString("N0", n)));
        }
        return new TimelineModel(width, height, left, top, plotWidth, plotHeight, boxes, stepTicks, offsetTicks);
    }

    private static long NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, raw))));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return Math.Max(1, (long)step);
    }
}
