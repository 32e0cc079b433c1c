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
    /// The stage candidates along <paramref name="order"/>: prefixes (operator indices) of patchable operators after which
    /// exactly one 4-D tensor is still needed. Longest last.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Candidates(Graph graph, IReadOnlyList<int> order, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var candidates = new List<IReadOnlyList<int>>();
        if (graph.Inputs.Length != 1 || graph.Tensors[graph.Inputs[0]].Shape is not { Length: 4 } inputShape || inputShape[0] != 1)
        {
            return candidates;
        }
        var consumers = graph.Tensors.Select(t => graph.Operators.Where(o => o.Inputs.Contains(t.Index)).Select(o => o.Index).ToHashSet()).ToArray();
        var done = new HashSet<int>();
        var produced = new HashSet<int> { graph.Inputs[0] };
        foreach (var index in order)
        {
            var op = graph.Operators[index];
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            var feature = op.Inputs.Where(i => i >= 0 && !graph.Tensors[i].IsConstant).ToList();
            if (definition is not IPatchableOperator patchable || op.Outputs.Length != 1 || graph.Tensors[op.Outputs[0]].Shape.Length != 4
                || feature.Any(t => !produced.Contains(t)) || !patchable.CanPatch(ctx, definition.Prepare(ctx)))
            {
                break;
            }
            done.Add(index);
            produced.Add(op.Outputs[0]);
            var open = produced.Where(t => graph.Outputs.Contains(t) || consumers[t].Any(c => !done.Contains(c))).ToList();
            if (open.Count == 1 && open[0] == op.Outputs[0] && !graph.Outputs.Contains(open[0]))
            {
                candidates.Add(done.OrderBy(i => order.ToList().IndexOf(i)).ToList());
            }
        }
        return candidates;
    }

    /// <summary>Builds the stage that runs <paramref name="operators"/> (in execution order) on a rows x cols grid of its last output.</summary>
    public static PatchStage Build(Graph graph, IReadOnlyList<int> operators, int rows, int cols, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var ops = operators.Select(i => graph.Operators[i]).ToList();
        var prepared = ops.Select(op =>
        {
            var definition = reg.For(op);
            var ctx = new OpContext(graph, op);
            var data = definition.Prepare(ctx);
            return definition is IPatchableOperator p && p.CanPatch(ctx, data)
                ? (Ctx: ctx, Data: data, Patchable: p)
                : throw new UnsupportedModelException($"{op.Describe()} cannot run patch by patch");
        }).ToList();
        var input = graph.Inputs[0];
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
        return new PatchStage(operators.ToArray(), tensors.ToArray(), input, split, rows, cols, patches.ToArray(),
            (long)Math.Round(patchedMacs), perLayer, modelMacs, ops[^1].Number);
    }

    /// <summary>
    /// Tries every candidate split with grids of 1 to 8 rows and columns (square, near-square, and bands of rows or
    /// columns, which recompute a halo on two sides only); keeps the stage with the lowest peak whose MAC overhead is within
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
            var splitShape = graph.Tensors[graph.Operators[operators[^1]].Outputs[0]].Shape;
            foreach (var (rows, cols) in Grids(splitShape[1], splitShape[2]))
            {
                var stage = Build(graph, operators, rows, cols, reg);
                if (stage.MacOverhead > budget)
                {
                    continue;
                }
                var stageFirst = stage.Operators.Concat(order.Where(op => !stage.Operators.Contains(op))).ToArray();
                var plan = MemoryPlanner.PlanForOrder(graph, stageFirst, storage, quick, (stage, PatchMemory.Layout(graph, stage, storage, quick)));
                if (plan.ArenaBytes < bestPeak || (plan.ArenaBytes == bestPeak && best is not null && stage.MacOverhead < best.MacOverhead))
                {
                    best = stage;
                    bestPeak = plan.ArenaBytes;
                }
            }
        }
        return best;
    }

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
