using System.Globalization;
using System.Text.RegularExpressions;
using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Streams;

namespace MicroGen.Planning.Patches;

/// <summary>
/// The --patches choice: "off", "auto" (a patch stage searched within a MAC budget, or row-streamed segments, whichever
/// needs less), or "RxC@OP" (a grid, split after operator OP).
/// </summary>
public sealed partial record PatchSpec(bool Auto, int Rows, int Cols, int SplitOperator)
{
    public static PatchSpec Off { get; } = new(false, 0, 0, -1);

    public static PatchSpec Automatic { get; } = new(true, 0, 0, -1);

    public bool IsOff => !Auto && Rows == 0;

    public static PatchSpec Parse(string text)
    {
        switch (text)
        {
            case "off" or "":
                return Off;
            case "auto":
                return Automatic;
        }
        var match = ManualPattern().Match(text);
        if (!match.Success)
        {
            throw new UserErrorException($"--patches '{text}': expected auto, off, or ROWSxCOLS@OPERATOR (e.g. 2x2@5)");
        }
        int Number(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new PatchSpec(false, Number(1), Number(2), Number(3));
    }

    /// <summary>
    /// What this choice gives for the graph and its per-layer plan. "auto" takes the lower peak of the best patch stage
    /// and the best row-streamed segments, each only when it beats <paramref name="perLayer"/>.
    /// </summary>
    public PatchChoice Resolve(Graph graph, PlanOptions options, MemoryPlan perLayer, double budget, OperatorRegistry? registry = null)
    {
        if (IsOff)
        {
            return PatchChoice.PerLayer;
        }
        if (Auto)
        {
            var best = PatchPlanner.Auto(graph, options, perLayer, budget, registry);
            var streams = StreamPlanner.Auto(graph, options, perLayer, registry);
            var streamed = streams.Count == 0 ? long.MaxValue : MemoryPlanner.Plan(graph, options, registry, streams: streams).ArenaBytes;
            var patched = best is null ? long.MaxValue : MemoryPlanner.Plan(graph, options, registry, patch: best).ArenaBytes;
            return streamed < perLayer.ArenaBytes && streamed <= patched ? new PatchChoice(null, streams.ToArray())
                : best is not null ? new PatchChoice(best, []) : PatchChoice.PerLayer;
        }
        var candidates = PatchPlanner.Candidates(graph, perLayer.Steps.Select(s => s.Operator).ToArray(), registry);
        var stage = candidates.FirstOrDefault(c => graph.Operators[c[^1]].Number == SplitOperator);
        if (stage is null)
        {
            throw new UserErrorException(candidates.Count == 0
                ? "--patches: this model has no patchable first stage (operators on 4-D feature maps from a single input)"
                : $"--patches: the stage cannot end at operator {SplitOperator}; possible split operators: {string.Join(", ", candidates.Select(c => graph.Operators[c[^1]].Number))}");
        }
        return new PatchChoice(PatchPlanner.Build(graph, stage, Rows, Cols, registry), []);
    }

    [GeneratedRegex(@"^(\d+)x(\d+)@(\d+)$")]
    private static partial Regex ManualPattern();
}
