using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Placement;

namespace MicroGen.Planning;

/// <summary>
/// Plans one invocation's memory: operator order, storage sharing (aliases, in-place, overlapped streaming),
/// buffer lifetimes, kernel scratch, and static arena offsets.
/// </summary>
public static class MemoryPlanner
{
    public static MemoryPlan Plan(Graph graph, PlanOptions options, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var storage = graph.Operators.Select(op => reg.For(op).StorageOptions(new OpContext(graph, op), options.Target)).ToArray();
        var order = options.Reorder
            ? ExecutionOrder.Best(graph, t => PlacementProblem.AlignUp(graph.Tensors[t].SizeInBytes, options.Alignment),
                op => storage[op][0].ScratchBytes)
            : Enumerable.Range(0, graph.Operators.Length).ToArray();
        return PlanForOrder(graph, order, storage, options);
    }

    public static MemoryPlan PlanForOrder(Graph graph, IReadOnlyList<int> order, IReadOnlyList<StorageOption>[] storage, PlanOptions options)
    {
        if (!ExecutionOrder.IsTopological(graph, order))
        {
            throw new ArgumentException("the operator order is not a topological order of the graph");
        }
        var groups = new StorageGroups(graph, order, options.InputOutsideArena);
        var steps = new List<PlannedStep>();
        var scratch = new List<(int Step, long Bytes, int Op)>();
        for (var step = 0; step < order.Count; step++)
        {
            var op = graph.Operators[order[step]];
            var choice = storage[op.Index][0];
            if (options.InPlace)
            {
                foreach (var option in storage[op.Index].Skip(1))
                {
                    if (groups.TryShare(op, step, option))
                    {
                        choice = option;
                        break;
                    }
                }
            }
            foreach (var output in op.Outputs)
            {
                groups.EnsureOwnGroup(output);
            }
            var scratchIndex = -1;
            if (choice.ScratchBytes > 0)
            {
                scratchIndex = scratch.Count;
                scratch.Add((step, choice.ScratchBytes, op.Index));
            }
            steps.Add(new PlannedStep(step, op.Index, choice, scratchIndex));
        }

        var buffers = groups.ToBuffers()
            .Where(b => !(options.InputOutsideArena && b.Tensors.Any(t => graph.Inputs.Contains(t.Tensor))))
            .Select((b, i) => b with { Id = i }).ToList();
        var firstScratch = buffers.Count;
        foreach (var (step, bytes, opIndex) in scratch)
        {
            buffers.Add(new LogicalBuffer(buffers.Count, $"scratch of operator {opIndex} ({graph.Operators[opIndex].Kind.DisplayName()})",
                BufferKind.Scratch, bytes, step, step, EquatableArray<TensorPlacement>.Empty, step));
        }
        steps = steps.Select(s => s.ScratchBuffer < 0 ? s : s with { ScratchBuffer = firstScratch + s.ScratchBuffer }).ToList();

        var problem = new PlacementProblem(buffers.Select(b => b.Bytes).ToArray(), buffers.Select(b => b.FirstStep).ToArray(),
            buffers.Select(b => b.LastStep).ToArray(), options.Alignment);
        var result = options.Placement == PlacementStrategy.Greedy ? GreedyPlacement.Solve(problem) : SearchPlacement.Solve(problem);
        return new MemoryPlan(steps.ToArray(), buffers.ToArray(), result.Offsets, result.Total, problem.LowerBound(), result.Method);
    }
}
