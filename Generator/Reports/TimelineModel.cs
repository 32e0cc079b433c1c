using System.Globalization;
using MicroGen.Ir;
using MicroGen.Planning;

namespace MicroGen.Reports;

/// <summary>The geometry of the memory-timeline picture (SVG): boxes per buffer, axis ticks. Pure data for the template.</summary>
public sealed record TimelineModel(
    int Width, int Height, int Left, int Top, int PlotWidth, int PlotHeight,
    IReadOnlyList<TimelineBox> Boxes, IReadOnlyList<TimelineTick> StepTicks, IReadOnlyList<TimelineTick> OffsetTicks)
{
    /// <summary>One box per tensor (buffers that share storage draw each tensor where and when it lives) and per scratch block.</summary>
    public static TimelineModel Of(MemoryPlan plan, Graph graph)
    {
        const int width = 960, height = 420, left = 78, top = 10, plotWidth = width - left - 12, plotHeight = height - top - 46;
        var steps = Math.Max(1, plan.Steps.Length);
        var arena = Math.Max(1, plan.ArenaBytes);
        double X(double step) => left + step * plotWidth / steps;
        double Y(double offset) => top + plotHeight - offset * plotHeight / arena;
        var n = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", n);
        var boxes = new List<TimelineBox>();
        for (var i = 0; i < plan.Buffers.Length; i++)
        {
            var buffer = plan.Buffers[i];
            var pieces = buffer.Tensors.Length == 0
                ? [(buffer.Segments[0], buffer.Kind.ToString().ToLowerInvariant(), buffer.Name)]
                : buffer.Tensors.Select((t, k) => (buffer.Segments[k], KindOf(graph, t.Tensor), $"{graph.Tensors[t.Tensor].Name} {graph.Tensors[t.Tensor].Describe()}")).ToArray();
            // Tensors sharing storage (aliases) draw over one another: the model's inputs and outputs go on top.
            foreach (var (segment, kind, name) in pieces.OrderBy(p => p.Item2 is "modelinput" or "modeloutput" ? 1 : 0))
            {
                var start = plan.Offsets[i] + segment.Start;
                var bytes = segment.End - segment.Start;
                boxes.Add(new TimelineBox(F(X(segment.First)), F(Y(start + bytes)), F(Math.Max(0.5, X(segment.Last + 1) - X(segment.First))),
                    F(Math.Max(0.5, (double)bytes * plotHeight / arena)), kind,
                    $"{name}\n{bytes.ToString("N0", n)} bytes at offset {start.ToString("N0", n)}, steps {segment.First}-{segment.Last}"));
            }
        }
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

    private static string KindOf(Graph graph, int tensor) =>
        graph.Tensors[tensor].IsVariable ? "variable"
        : graph.Outputs.Contains(tensor) ? "modeloutput"
        : graph.Inputs.Contains(tensor) ? "modelinput"
        : "activation";

    private static long NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, raw))));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return Math.Max(1, (long)step);
    }
}
