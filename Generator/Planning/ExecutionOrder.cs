using MicroGen.Ir;

namespace MicroGen.Planning;

/// <summary>
/// Chooses the operator order. Live memory after any set of executed operators does not depend on the order they
/// ran in, so the best order for the peak (live tensors plus the running operator's outputs and scratch) is found
/// exactly by dynamic programming over the sets of executed operators (downsets of the graph). Near-linear graphs
/// have few downsets; beyond <see cref="StateLimit"/> the search falls back to the model's own order.
/// </summary>
public static class ExecutionOrder
{
    public const int StateLimit = 200_000;

    /// <summary>A valid topological order minimising the peak of <paramref name="stepBytes"/> plus live tensors.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="tensorBytes">Bytes a non-constant tensor occupies while live (0 for tensors that take no arena).</param>
    /// <param name="scratchBytes">Scratch bytes of each operator (by operator index).</param>
    public static int[] Best(Graph graph, Func<int, long> tensorBytes, Func<int, long> scratchBytes)
    {
        var n = graph.Operators.Length;
        var original = Enumerable.Range(0, n).ToArray();
        if (n > 1000)
        {
            return original;
        }
        var producers = graph.ProducerOf();
        var predecessors = graph.Operators.Select(op => op.Inputs.Where(t => t >= 0 && producers[t] >= 0)
            .Select(t => producers[t]).Distinct().ToArray()).ToArray();
        var consumers = new List<int>[graph.Tensors.Length];
        for (var t = 0; t < consumers.Length; t++)
        {
            consumers[t] = [];
        }
        foreach (var op in graph.Operators)
        {
            foreach (var t in op.Inputs.Where(t => t >= 0).Distinct())
            {
                consumers[t].Add(op.Index);
            }
        }
        var isOutput = new bool[graph.Tensors.Length];
        foreach (var t in graph.Outputs)
        {
            isOutput[t] = true;
        }

        // Live bytes once the operators in `done` have run: graph inputs, variables and produced tensors still needed.
        long Live(OpSet done)
        {
            long bytes = 0;
            foreach (var tensor in graph.Tensors)
            {
                if (tensor.IsConstant)
                {
                    continue;
                }
                var producer = producers[tensor.Index];
                var exists = producer < 0 || done.Contains(producer);
                var needed = isOutput[tensor.Index] || tensor.IsVariable || consumers[tensor.Index].Any(c => !done.Contains(c));
                if (exists && needed)
                {
                    bytes += tensorBytes(tensor.Index);
                }
            }
            return bytes;
        }

        long StepPeak(OpSet before, int op)
        {
            var outputs = graph.Operators[op].Outputs.Sum(t => tensorBytes(t));
            return Live(before) + outputs + scratchBytes(op);
        }

        // Breadth-first over downsets by size; each keeps the best (peak, predecessor state, last operator).
        var layer = new Dictionary<OpSet, (long Peak, OpSet From, int Op)> { [OpSet.Empty(n)] = (0, OpSet.Empty(n), -1) };
        var history = new List<Dictionary<OpSet, (long Peak, OpSet From, int Op)>> { layer };
        var states = 1;
        for (var size = 0; size < n; size++)
        {
            var next = new Dictionary<OpSet, (long Peak, OpSet From, int Op)>();
            foreach (var (state, value) in layer)
            {
                for (var op = 0; op < n; op++)
                {
                    if (state.Contains(op) || predecessors[op].Any(p => !state.Contains(p)))
                    {
                        continue;
                    }
                    var peak = Math.Max(value.Peak, StepPeak(state, op));
                    var after = state.With(op);
                    if (!next.TryGetValue(after, out var existing) || peak < existing.Peak
                        || (peak == existing.Peak && op < existing.Op))
                    {
                        next[after] = (peak, state, op);
                    }
                }
            }
            states += next.Count;
            if (states > StateLimit || next.Count == 0)
            {
                return original;
            }
            history.Add(next);
            layer = next;
        }
        var order = new int[n];
        var current = layer.Single().Key;
        for (var size = n; size > 0; size--)
        {
            var entry = history[size][current];
            order[size - 1] = entry.Op;
            current = entry.From;
        }
        return order;
    }

    /// <summary>Whether <paramref name="order"/> runs every operator once, after the producers of its inputs.</summary>
    public static bool IsTopological(Graph graph, IReadOnlyList<int> order)
    {
        if (order.Count != graph.Operators.Length || order.Distinct().Count() != order.Count)
        {
            return false;
        }
        var producers = graph.ProducerOf();
        var position = new int[order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            position[order[i]] = i;
        }
        foreach (var op in graph.Operators)
        {
            foreach (var t in op.Inputs)
            {
                if (t >= 0 && producers[t] >= 0 && position[producers[t]] >= position[op.Index])
                {
                    return false;
                }
            }
        }
        return true;
    }
}
