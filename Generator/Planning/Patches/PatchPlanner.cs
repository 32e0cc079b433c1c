using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Chooses and builds MCUNetV2 patch stages: the split point and the patch grid, from each operator's receptive field.
/// A stage is a prefix of the operator order that starts at the model input and ends where exactly one tensor is still
/// needed (so residual blocks can sit inside it). Any kernel size, stride, dilation and padding works; the automatic
/// choice minimises peak SRAM within a MAC overhead budget and is refused when it does not beat per-layer execution.
/// </summary>
public static class PatchPlanner
{
    public const double DefaultBudget = 0.15;

    /// <summary>
    /// The stage candidates along <paramref name="order"/> (operator indices, in execution order), shortest first. A stage
    /// starts at the first patchable operator reading one 4-D feature map (the model input, or the map a RESHAPE makes of a
    /// flat input; the operators before it run layer by layer) and ends after a patchable operator where exactly one of its
    /// tensors, a 4-D one, is still needed. When that tensor's only reader can accumulate patch by patch (a
    /// FULLY_CONNECTED), the stage with that reader as its reduction tail is a candidate too (its last element).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Candidates(Graph graph, IReadOnlyList<int> order, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var candidates = new List<IReadOnlyList<int>>();
        var consumers = graph.Tensors.Select(t => graph.Operators.Where(o => o.Inputs.Contains(t.Index)).Select(o => o.Index).ToHashSet()).ToArray();
        List<int> Features(Operator op) => op.Inputs.Where(i => i >= 0 && !graph.Tensors[i].IsConstant).ToList();
        bool Patchable(Operator op)
        {
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            return definition is IPatchableOperator patchable && op.Outputs.Length == 1 && graph.Tensors[op.Outputs[0]].Shape.Length == 4
                && patchable.CanPatch(ctx, definition.Prepare(ctx));
        }
        var first = order.ToList().FindIndex(index =>
        {
            var op = graph.Operators[index];
            return Features(op) is [var input] && graph.Tensors[input].Shape is [1, _, _, _] && Patchable(op);
        });
        if (first < 0)
        {
            return candidates;
        }
        var done = new List<int>();
        var produced = new HashSet<int> { Features(graph.Operators[order[first]])[0] };
        foreach (var index in order.Skip(first))
        {
            var op = graph.Operators[index];
            if (!Patchable(op) || Features(op).Any(t => !produced.Contains(t)))
            {
                break;
            }
            done.Add(index);
            produced.Add(op.Outputs[0]);
            var open = produced.Where(t => graph.Outputs.Contains(t) || consumers[t].Any(c => !done.Contains(c))).ToList();
            if (open.Count != 1 || open[0] != op.Outputs[0] || graph.Outputs.Contains(open[0]))
            {
                continue;
            }
            candidates.Add(done.ToList());
            if (consumers[open[0]] is { Count: 1 } readers && graph.Operators[readers.Single()] is var reader
                && Features(reader) is [var fed] && fed == open[0] && reg.For(reader) is IAccumulatingOperator tail
                && tail.CanAccumulate(new OpContext(graph, reader), reg.For(reader).Prepare(new OpContext(graph, reader))))
            {
                candidates.Add([.. done, reader.Index]);
            }
        }
        return candidates;
    }

    /// <summary>
    /// <paramref name="order"/> with the stage's operators moved together: the operators before its first one, the
    /// stage (tail last), then the rest in their order. Topological, since the stage reads only its input and its own tensors.
    /// </summary>
    public static int[] OrderWith(PatchStage stage, IReadOnlyList<int> order)
    {
        var before = order.TakeWhile(op => !stage.Runs(op)).ToList();
        return [.. before, .. stage.AllOperators, .. order.Where(op => !stage.Runs(op) && !before.Contains(op))];
    }

    /// <summary>
    /// Builds the stage that runs <paramref name="operators"/> (in execution order, a candidate) on a rows x cols grid of
    /// the last patched operator's output; a last operator that is not patchable is the stage's reduction tail.
    /// </summary>
    public static PatchStage Build(Graph graph, IReadOnlyList<int> operators, int rows, int cols, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var tail = LastPatched(graph, operators, reg) == operators[^1] ? null : graph.Operators[operators[^1]];
        if (tail is not null && (reg.For(tail) is not IAccumulatingOperator accumulating
            || !accumulating.CanAccumulate(new OpContext(graph, tail), reg.For(tail).Prepare(new OpContext(graph, tail)))))
        {
            throw new UnsupportedModelException($"{tail.Describe()} cannot end a patch stage");
        }
        var ops = operators.Take(operators.Count - (tail is null ? 0 : 1)).Select(i => graph.Operators[i]).ToList();
        var prepared = ops.Select(op =>
        {
            var definition = reg.For(op);
            var ctx = new OpContext(graph, op);
            var data = definition.Prepare(ctx);
            return definition is IPatchableOperator p && p.CanPatch(ctx, data)
                ? (Ctx: ctx, Data: data, Patchable: p)
                : throw new UnsupportedModelException($"{op.Describe()} cannot run patch by patch");
        }).ToList();
        var input = ops[0].Inputs.First(t => t >= 0 && !graph.Tensors[t].IsConstant);
        var split = ops[^1].Outputs[0];
        var splitShape = graph.Tensors[split].Shape;
        if (rows < 1 || cols < 1 || rows > splitShape[1] || cols > splitShape[2])
        {
            throw new UserErrorException($"a {rows}x{cols} patch grid does not fit the {splitShape[1]}x{splitShape[2]} output of operator {ops[^1].Number}");
        }
        var tensors = new List<int> { input };
        tensors.AddRange(ops.Select(o => o.Outputs[0]));
        var patches = new List<PatchGeometry>();
        double patchedMacs = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var needed = new Dictionary<int, PatchRegion>
                {
                    [split] = new(r * splitShape[1] / rows, (r + 1) * splitShape[1] / rows, c * splitShape[2] / cols, (c + 1) * splitShape[2] / cols),
                };
                for (var k = ops.Count - 1; k >= 0; k--)
                {
                    var output = needed[ops[k].Outputs[0]];
                    patchedMacs += output.Pixels * prepared[k].Patchable.MacsPerOutputPixel(prepared[k].Ctx, prepared[k].Data);
                    for (var i = 0; i < ops[k].Inputs.Length; i++)
                    {
                        var tensor = ops[k].Inputs[i];
                        if (tensor < 0 || graph.Tensors[tensor].IsConstant
                            || prepared[k].Patchable.Required(prepared[k].Ctx, prepared[k].Data, i, output) is not { } region)
                        {
                            continue;
                        }
                        needed[tensor] = needed.TryGetValue(tensor, out var existing) ? Union(existing, region) : region;
                    }
                }
                patches.Add(new PatchGeometry(tensors.Select(t => needed.TryGetValue(t, out var region) ? region : default).ToArray()));
            }
        }
        var perLayer = ops.Sum(op => reg.For(op).CountMacs(new OpContext(graph, op)));
        var modelMacs = graph.Operators.Sum(op => reg.For(op).CountMacs(new OpContext(graph, op)));
        return new PatchStage(ops.Select(o => o.Index).ToArray(), tensors.ToArray(), input, split, rows, cols, patches.ToArray(),
            (long)Math.Round(patchedMacs), perLayer, modelMacs, graph.Operators[operators[^1]].Number, tail?.Index ?? -1, tail?.Outputs[0] ?? -1);
    }

    /// <summary>
    /// Tries every candidate split with every grid of <see cref="Grids"/>; keeps the stage with the lowest peak whose MAC overhead is within
    /// <paramref name="budget"/>. Returns null when no stage beats <paramref name="perLayer"/>.
    /// </summary>
    public static PatchStage? Auto(Graph graph, PlanOptions options, MemoryPlan perLayer, double budget = DefaultBudget, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var order = perLayer.Steps.Select(s => s.Operator).ToArray();
        var storage = MemoryPlanner.StorageOptionsOf(graph, options, reg);
        var quick = options with { Placement = PlacementStrategy.Greedy };
        PatchStage? best = null;
        var bestPeak = perLayer.ArenaBytes;
        foreach (var operators in Candidates(graph, order, reg))
        {
            var splitShape = graph.Tensors[graph.Operators[LastPatched(graph, operators, reg)].Outputs[0]].Shape;
            foreach (var (rows, cols) in Grids(splitShape[1], splitShape[2]))
            {
                var stage = Build(graph, operators, rows, cols, reg);
                if (stage.MacOverhead > budget)
                {
                    continue;
                }
                var plan = MemoryPlanner.PlanForOrder(graph, OrderWith(stage, order), storage, quick, (stage, PatchMemory.Layout(graph, stage, storage, quick, reg)));
                if (plan.ArenaBytes < bestPeak || (plan.ArenaBytes == bestPeak && best is not null && stage.MacOverhead < best.MacOverhead))
                {
                    best = stage;
                    bestPeak = plan.ArenaBytes;
                }
            }
        }
        return best;
    }

    /// <summary>The candidate's last patched operator (whose output the grid cuts): the last one, or the one before its tail.</summary>
    private static int LastPatched(Graph graph, IReadOnlyList<int> operators, OperatorRegistry reg) =>
        reg.For(graph.Operators[operators[^1]]) is IPatchableOperator || operators.Count == 1 ? operators[^1] : operators[^2];

    /// <summary>Grids of 1 to 8 rows and columns: square, near-square, and bands of rows or columns (a halo on two sides only).</summary>
    private static IEnumerable<(int Rows, int Cols)> Grids(int height, int width)
    {
        for (var rows = 1; rows <= Math.Min(8, height); rows++)
        {
            for (var cols = 1; cols <= Math.Min(8, width); cols++)
            {
                if (rows * cols > 1 && (Math.Abs(rows - cols) <= 1 || rows == 1 || cols == 1))
                {
                    yield return (rows, cols);
                }
            }
        }
    }

    private static PatchRegion Union(PatchRegion a, PatchRegion b) =>
        new(Math.Min(a.Y0, b.Y0), Math.Max(a.Y1, b.Y1), Math.Min(a.X0, b.X0), Math.Max(a.X1, b.X1));
}
