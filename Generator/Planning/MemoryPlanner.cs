using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Placement;

namespace MicroGen.Planning;

/// <summary>
/// Plans one invocation's memory: operator order, storage sharing (aliases, in-place, overlapped streaming),
/// buffer lifetimes, kernel scratch, optional patch stage, and static arena offsets.
/// </summary>
public static class MemoryPlanner
{
    public static MemoryPlan Plan(Graph graph, PlanOptions options, OperatorRegistry? registry = null, PatchStage? patch = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var storage = StorageOptionsOf(graph, options, reg);
        var order = options.Reorder
            ? ExecutionOrder.Best(graph, t => PlacementProblem.AlignUp(graph.Tensors[t].SizeInBytes, options.Alignment),
                op => storage[op][0].ScratchBytes)
            : Enumerable.Range(0, graph.Operators.Length).ToArray();
        if (patch is not null)
        {
            // The stage runs first: its operators depend only on the model input and each other.
            order = patch.Operators.Concat(order.Where(op => !patch.Operators.Contains(op))).ToArray();
        }
        return PlanForOrder(graph, order, storage, options, patch is null ? null : (patch, PatchMemory.Layout(graph, patch, storage, options)));
    }

    public static IReadOnlyList<StorageOption>[] StorageOptionsOf(Graph graph, PlanOptions options, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        return graph.Operators.Select(op => reg.For(op).StorageOptions(new OpContext(graph, op), options.Target)).ToArray();
    }

    public static MemoryPlan PlanForOrder(Graph graph, IReadOnlyList<int> order, IReadOnlyList<StorageOption>[] storage, PlanOptions options,
        (PatchStage Stage, PatchLayout Layout)? patch = null)
    {
        if (!ExecutionOrder.IsTopological(graph, order))
        {
            throw new ArgumentException("the operator order is not a topological order of the graph");
        }
        var schedule = new List<ScheduledStep>();
        var remaining = order.ToList();
        if (patch is { } p)
        {
            schedule.Add(new ScheduledStep(p.Stage.Operators.Items.ToArray(), [p.Stage.InputTensor], [p.Stage.OutputTensor],
                [StorageOption.Separate(p.Layout.Bytes)]));
            remaining = remaining.Where(op => !p.Stage.Operators.Contains(op)).ToList();
        }
        schedule.AddRange(remaining.Select(op => new ScheduledStep([op], graph.Operators[op].Inputs.Items.ToArray(),
            graph.Operators[op].Outputs.Items.ToArray(), storage[op])));

        var groups = new StorageGroups(graph, schedule, options.InputOutsideArena);
        var steps = new List<PlannedStep>();
        var scratch = new List<(int Step, long Bytes, string Name)>();
        for (var step = 0; step < schedule.Count; step++)
        {
            var scheduled = schedule[step];
            var choice = scheduled.Options[0];
            if (options.InPlace)
            {
                foreach (var option in scheduled.Options.Skip(1))
                {
                    if (groups.TryShare(scheduled, step, option))
                    {
                        choice = option;
                        break;
                    }
                }
            }
            foreach (var output in scheduled.Outputs)
            {
                groups.EnsureOwnGroup(output);
            }
            var isStage = patch is not null && step == 0;
            var scratchIndex = -1;
            if (choice.ScratchBytes > 0)
            {
                scratchIndex = scratch.Count;
                var first = graph.Operators[scheduled.Operators[0]];
                scratch.Add((step, choice.ScratchBytes, isStage
                    ? $"patch buffers of operators {scheduled.Operators[0]}-{scheduled.Operators[^1]}"
                    : $"scratch of operator {first.Index} ({first.Kind.DisplayName()})"));
            }
            steps.Add(new PlannedStep(step, scheduled.Operators[0], choice, scratchIndex, isStage));
        }

        var buffers = groups.ToBuffers()
            .Where(b => !(options.InputOutsideArena && b.Tensors.Any(t => graph.Inputs.Contains(t.Tensor))))
            .Select((b, i) => b with { Id = i }).ToList();
        var firstScratch = buffers.Count;
        foreach (var (step, bytes, name) in scratch)
        {
            buffers.Add(new LogicalBuffer(buffers.Count, name, BufferKind.Scratch, bytes, step, step, EquatableArray<TensorPlacement>.Empty, step));
        }
        steps = steps.Select(s => s.ScratchBuffer < 0 ? s : s with { ScratchBuffer = firstScratch + s.ScratchBuffer }).ToList();

        var problem = new PlacementProblem(buffers.Select(b => b.Bytes).ToArray(), buffers.Select(b => b.FirstStep).ToArray(),
            buffers.Select(b => b.LastStep).ToArray(), options.Alignment);
        var result = options.Placement == PlacementStrategy.Greedy ? GreedyPlacement.Solve(problem) : SearchPlacement.Solve(problem);
        return new MemoryPlan(steps.ToArray(), buffers.ToArray(), result.Offsets, result.Total, problem.LowerBound(), result.Method,
            patch?.Stage, patch?.Layout);
    }
}
