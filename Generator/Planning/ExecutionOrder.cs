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

    /// <summary>More sets of one size than this means a wide graph: the search stops early and keeps the model's order.</summary>
    public const int LayerLimit = 20_000;

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

        // Live bytes after a set of operators ran: inputs, variables and produced tensors still needed. Kept per state and
        // updated per transition: an operator adds its outputs and frees inputs whose last consumer it is.
        long initialLive = 0;
        foreach (var tensor in graph.Tensors)
        {
            if (!tensor.IsConstant && producers[tensor.Index] < 0 && (isOutput[tensor.Index] || tensor.IsVariable || consumers[tensor.Index].Count > 0))
            {
                initialLive += tensorBytes(tensor.Index);
            }
        }
        var outputBytes = graph.Operators.Select(op => op.Outputs.Sum(t => tensorBytes(t))).ToArray();
        var neededOutputBytes = graph.Operators.Select(op => op.Outputs
            .Where(t => isOutput[t] || consumers[t].Count > 0).Sum(t => tensorBytes(t))).ToArray();
        var inputs = graph.Operators.Select(op => op.Inputs.Where(t => t >= 0 && !graph.Tensors[t].IsConstant).Distinct().ToArray()).ToArray();

        long Freed(OpSet after, int op)
        {
            long freed = 0;
            foreach (var t in inputs[op])
            {
                if (!isOutput[t] && !graph.Tensors[t].IsVariable && consumers[t].All(after.Contains))
                {
                    freed += tensorBytes(t);
                }
            }
            return freed;
        }

        // Breadth-first over downsets by size; each keeps the best (peak, live bytes, predecessor state, last operator).
        var layer = new Dictionary<OpSet, (long Peak, long Live, OpSet From, int Op)> { [OpSet.Empty(n)] = (0, initialLive, OpSet.Empty(n), -1) };
        var history = new List<Dictionary<OpSet, (long Peak, long Live, OpSet From, int Op)>> { layer };
        var states = 1;
        for (var size = 0; size < n; size++)
        {
            var next = new Dictionary<OpSet, (long Peak, long Live, OpSet From, int Op)>();
            foreach (var (state, value) in layer)
            {
                for (var op = 0; op < n; op++)
                {
                    if (state.Contains(op) || predecessors[op].Any(p => !state.Contains(p)))
                    {
                        continue;
                    }
                    var peak = Math.Max(value.Peak, value.Live + outputBytes[op] + scratchBytes(op));
                    var after = state.With(op);
                    if (!next.TryGetValue(after, out var existing) || peak < existing.Peak
                        || (peak == existing.Peak && op < existing.Op))
                    {
                        next[after] = (peak, value.Live + neededOutputBytes[op] - Freed(after, op), state, op);
                    }
                }
            }
            states += next.Count;
            if (states > StateLimit || next.Count > LayerLimit || next.Count == 0)
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
