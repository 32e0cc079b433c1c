using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Placement;
using MicroGen.Planning.Streams;

namespace MicroGen.Planning;

/// <summary>
/// Plans one invocation's memory: operator order, storage sharing (aliases, in-place, overlapped streaming),
/// buffer lifetimes, kernel scratch, optional patch stage or row-streamed segments, and static arena offsets.
/// </summary>
public static class MemoryPlanner
{
    public static MemoryPlan Plan(Graph graph, PlanOptions options, OperatorRegistry? registry = null, PatchStage? patch = null,
        IReadOnlyList<StreamSegment>? streams = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var storage = StorageOptionsOf(graph, options, reg);
        var order = options.Reorder
            ? ExecutionOrder.Best(graph, t => PlacementProblem.AlignUp(graph.Tensors[t].SizeInBytes, options.Alignment),
                op => storage[op][0].ScratchBytes)
            : Enumerable.Range(0, graph.Operators.Length).ToArray();
        if (patch is not null)
        {
            order = PatchPlanner.OrderWith(patch, order);
        }
        foreach (var segment in streams ?? [])
        {
            order = StreamPlanner.OrderWith(segment, order);
        }
        return PlanForOrder(graph, order, storage, options, patch is null ? null : (patch, PatchMemory.Layout(graph, patch, storage, options, reg)),
            (streams ?? []).Select(s => (s, StreamPlanner.Layout(graph, s, storage, options))).ToArray());
    }

    public static IReadOnlyList<StorageOption>[] StorageOptionsOf(Graph graph, PlanOptions options, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        return graph.Operators.Select(op => reg.For(op).StorageOptions(new OpContext(graph, op), options.Target)).ToArray();
    }

    public static MemoryPlan PlanForOrder(Graph graph, IReadOnlyList<int> order, IReadOnlyList<StorageOption>[] storage, PlanOptions options,
        (PatchStage Stage, PatchLayout Layout)? patch = null, IReadOnlyList<(StreamSegment Segment, StreamLayout Layout)>? streams = null)
    {
        streams ??= [];
        if (!ExecutionOrder.IsTopological(graph, order))
        {
            throw new ArgumentException("the operator order is not a topological order of the graph");
        }
        var schedule = new List<ScheduledStep>();
        var stageStep = -1;
        var streamSteps = new Dictionary<int, int>();
        foreach (var op in order)
        {
            if (streams.Select((s, i) => (s.Segment, Index: i)).FirstOrDefault(s => s.Segment.Runs(op)) is { Segment: { } segment } stream)
            {
                if (segment.Operators[0] == op)
                {
                    var block = streams[stream.Index].Layout.Bytes;
                    streamSteps[schedule.Count] = stream.Index;
                    schedule.Add(new ScheduledStep(segment.Operators.Items.ToArray(), [segment.InputTensor], [segment.OutputTensor],
                        segment.OutputOffsetFromInput is { } offset
                            ? [StorageOption.Separate(block), new StorageOption(StorageMode.Overlapped, 0, block, offset)]
                            : [StorageOption.Separate(block)]));
                }
                continue;
            }
            if (patch is { } p && p.Stage.Runs(op))
            {
                if (stageStep < 0)
                {
                    stageStep = schedule.Count;
                    schedule.Add(new ScheduledStep(p.Stage.AllOperators.ToArray(), [p.Stage.InputTensor], [p.Stage.StageOutput],
                        [StorageOption.Separate(p.Layout.Bytes)]));
                }
                continue;
            }
            schedule.Add(new ScheduledStep([op], graph.Operators[op].Inputs.Items.ToArray(), graph.Operators[op].Outputs.Items.ToArray(), storage[op]));
        }

        // Storage sharing is chosen per step by a local search from several starts (no sharing; each step's first,
        // second, ... sharing option where it has one): single-step changes are kept while they lower the arena of a
        // greedy placement (sharing ties buffers together, which can fragment the arena elsewhere). The plan without
        // any sharing is one of the starts, so the result never exceeds it.
        var choices = new int[schedule.Count];
        if (options.InPlace)
        {
            var best = long.MaxValue;
            var mostOptions = schedule.Max(s => s.Options.Count);
            for (var start = 0; start < Math.Max(mostOptions, 1); start++)
            {
                var candidate = schedule.Select(s => Math.Min(start, s.Options.Count - 1)).ToArray();
                var bound = ImproveChoices(graph, schedule, candidate, options);
                if (bound < best)
                {
                    (choices, best) = (candidate, bound);
                }
            }
        }
        var (steps, buffers) = Buffers(graph, schedule, choices, options, stageStep, streamSteps);
        var problem = new PlacementProblem(buffers.Select(b => (IReadOnlyList<BufferSegment>)b.Segments.Items).ToArray(), options.Alignment);
        var result = options.Placement == PlacementStrategy.Greedy ? GreedyPlacement.Solve(problem) : SearchPlacement.Solve(problem);
        return new MemoryPlan(steps.ToArray(), buffers.ToArray(), result.Offsets, result.Total, problem.LowerBound(), result.Method,
            patch?.Stage, patch?.Layout, streams.Select(s => s.Segment).ToArray(), streams.Select(s => s.Layout).ToArray());
    }

    /// <summary>Single-step changes of <paramref name="choices"/> kept while they lower the bound; returns the final bound.</summary>
    private static long ImproveChoices(Graph graph, List<ScheduledStep> schedule, int[] choices, PlanOptions options)
    {
        var best = Bound(graph, schedule, choices, options);
        for (var pass = 0; pass < 4; pass++)
        {
            var improved = false;
            for (var step = 0; step < schedule.Count; step++)
            {
                for (var alternative = 0; alternative < schedule[step].Options.Count; alternative++)
                {
                    if (alternative == choices[step])
                    {
                        continue;
                    }
                    var previous = choices[step];
                    choices[step] = alternative;
                    var bound = Bound(graph, schedule, choices, options);
                    if (bound < best)
                    {
                        best = bound;
                        improved = true;
                    }
                    else
                    {
                        choices[step] = previous;
                    }
                }
            }
            if (!improved)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>The arena a greedy placement achieves for these choices: the objective of the sharing search.</summary>
    private static long Bound(Graph graph, List<ScheduledStep> schedule, int[] choices, PlanOptions options)
    {
        var (_, buffers) = Buffers(graph, schedule, choices, options, -1, []);
        return GreedyPlacement.Solve(new PlacementProblem(buffers.Select(b => (IReadOnlyList<BufferSegment>)b.Segments.Items).ToArray(), options.Alignment)).Total;
    }

    /// <summary>
    /// The buffers for given storage choices (option index per step; an infeasible choice falls back to separate);
    /// <paramref name="stageStep"/> is the patch stage's step (-1: none), whose scratch is the stage's block.
    /// </summary>
    private static (List<PlannedStep> Steps, List<LogicalBuffer> Buffers) Buffers(Graph graph, List<ScheduledStep> schedule, int[] choices,
        PlanOptions options, int stageStep, Dictionary<int, int> streamSteps)
    {
        var groups = new StorageGroups(graph, schedule, options.InputOutsideArena);
        var steps = new List<PlannedStep>();
        var scratch = new List<(int Step, long Bytes, string Name)>();
        for (var step = 0; step < schedule.Count; step++)
        {
            var scheduled = schedule[step];
            var choice = scheduled.Options[0];
            if (choices[step] > 0 && groups.TryShare(scheduled, step, scheduled.Options[choices[step]]))
            {
                choice = scheduled.Options[choices[step]];
            }
            foreach (var output in scheduled.Outputs)
            {
                groups.EnsureOwnGroup(output);
            }
            var isStage = step == stageStep;
            var stream = streamSteps.GetValueOrDefault(step, -1);
            var scratchIndex = -1;
            if (choice.ScratchBytes > 0)
            {
                scratchIndex = scratch.Count;
                var first = graph.Operators[scheduled.Operators[0]];
                scratch.Add((step, choice.ScratchBytes, isStage
                    ? $"patch buffers of operators {scheduled.Operators[0]}-{scheduled.Operators[^1]}"
                    : stream >= 0 ? $"row windows of operators {scheduled.Operators[0]}-{scheduled.Operators[^1]}"
                    : $"scratch of operator {first.Index} ({first.Kind.DisplayName()})"));
            }
            steps.Add(new PlannedStep(step, scheduled.Operators[0], choice, scratchIndex, isStage, stream));
        }
        var buffers = groups.ToBuffers()
            .Where(b => !(options.InputOutsideArena && b.Tensors.Any(t => graph.Inputs.Contains(t.Tensor))))
            .Select((b, i) => b with { Id = i }).ToList();
        var firstScratch = buffers.Count;
        foreach (var (step, bytes, name) in scratch)
        {
            buffers.Add(LogicalBuffer.Simple(buffers.Count, name, BufferKind.Scratch, bytes, step, step, step));
        }
        steps = steps.Select(s => s.ScratchBuffer < 0 ? s : s with { ScratchBuffer = firstScratch + s.ScratchBuffer }).ToList();
        return (steps, buffers);
    }
}
