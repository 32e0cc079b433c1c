using MicroGen.Ir;
using MicroGen.Planning;

namespace MicroGen.Reports;

/// <summary>What `microgen plan` reports (JSON keys in snake_case).</summary>
public sealed record PlanReport(
    string Model,
    string? Board,
    long PeakSramBytes,
    long PeakSramBytesInputOutside,
    long ArenaBytes,
    long ScratchBytes,
    long LowerBoundBytes,
    double RatioToLowerBound,
    double MacOverhead,
    PatchSummary? Patch,
    string Placement,
    IReadOnlyList<int> Order,
    IReadOnlyList<BufferSummary> Buffers,
    IReadOnlyList<StreamSummary> Streams)
{
    public static PlanReport Of(string model, string? board, Graph graph, MemoryPlan plan, MemoryPlan inputOutside) => new(
        model,
        board,
        plan.ArenaBytes,
        inputOutside.ArenaBytes,
        plan.ArenaBytes,
        plan.ScratchBytes,
        plan.LowerBoundBytes,
        Math.Round(plan.RatioToLowerBound, 4),
        Math.Round(plan.Patch?.MacOverhead ?? 0.0, 4),
        PatchSummary.Of(plan.Patch),
        plan.Placement,
        plan.Steps.Select(s => s.Operator).ToList(),
        plan.Buffers.Select((b, i) => new BufferSummary(b.Name, b.Kind.ToString().ToLowerInvariant(), plan.Offsets[i], b.Bytes,
            b.FirstStep, b.LastStep, b.Tensors.Select(t => t.Tensor).ToList())).ToList(),
        StreamSummary.Of(plan));
}
