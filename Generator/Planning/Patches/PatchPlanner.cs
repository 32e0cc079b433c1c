using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Chooses and builds MCUNetV2 patch stages: the split point and the patch grid, from each operator's receptive field.
/// Any kernel size, stride, dilation and padding works; the automatic choice minimises peak SRAM within a MAC overhead
/// budget and is refused when it does not beat per-layer execution.
/// </summary>
public static class PatchPlanner
{
    public const double DefaultBudget = 0.15;

    /// <summary>The longest chain of patchable operators that starts at a model input (its operator indices, in order).</summary>
    public static IReadOnlyList<int> PatchableChain(Graph graph, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var consumers = graph.Tensors.Select(t => graph.Operators.Where(o => o.Inputs.Contains(t.Index)).ToList()).ToArray();
        var chain = new List<int>();
        if (graph.Inputs.Length != 1)
        {
            return chain;
        }
        var current = graph.Inputs[0];
        while (true)
        {
            if (graph.Tensors[current].Shape.Length != 4 || consumers[current].Count != 1)
            {
                break;
            }
            var op = consumers[current][0];
            var nonConstant = op.Inputs.Where(i => i >= 0 && !graph.Tensors[i].IsConstant).ToList();
            if (nonConstant.Count != 1 || op.Outputs.Length != 1 || reg.For(op) is not IPatchableOperator patchable)
            {
                break;
            }
            var ctx = new OpContext(graph, op);
            if (patchable.Window(ctx, reg.For(op).Prepare(ctx)) is null || graph.Tensors[op.Outputs[0]].Shape.Length != 4)
            {
                break;
            }
            chain.Add(op.Index);
            current = op.Outputs[0];
            if (graph.Outputs.Contains(current))
            {
                break;
            }
        }
        return chain;
    }

    /// <summary>Builds the stage that runs <paramref name="operators"/> (a prefix of the patchable chain) on a rows x cols grid.</summary>
    public static PatchStage Build(Graph graph, IReadOnlyList<int> operators, int rows, int cols, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var windows = operators.Select(index =>
        {
            var op = graph.Operators[index];
            var ctx = new OpContext(graph, op);
            return ((IPatchableOperator)reg.For(op)).Window(ctx, reg.For(op).Prepare(ctx))
                ?? throw new UnsupportedModelException($"{op.Describe()} cannot run patch by patch");
        }).ToArray();
        var split = windows[^1];
        if (rows < 1 || cols < 1 || rows > split.OutputHeight || cols > split.OutputWidth)
        {
            throw new UserErrorException($"a {rows}x{cols} patch grid does not fit the {split.OutputHeight}x{split.OutputWidth} output of operator {operators[^1]}");
        }
        var macsPerPixel = operators.Select((index, k) =>
        {
            var op = graph.Operators[index];
            return (double)reg.For(op).CountMacs(new OpContext(graph, op)) / ((long)windows[k].OutputHeight * windows[k].OutputWidth);
        }).ToArray();
        var patches = new List<PatchGeometry>();
        double patchedMacs = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var region = new PatchRegion(r * split.OutputHeight / rows, (r + 1) * split.OutputHeight / rows,
                    c * split.OutputWidth / cols, (c + 1) * split.OutputWidth / cols);
                var inputs = new PatchRegion[operators.Count];
                var outputs = new PatchRegion[operators.Count];
                for (var k = operators.Count - 1; k >= 0; k--)
                {
                    outputs[k] = region;
                    inputs[k] = windows[k].InputFor(region);
                    patchedMacs += region.Pixels * macsPerPixel[k];
                    region = inputs[k];
                }
                patches.Add(new PatchGeometry(inputs, outputs));
            }
        }
        var perLayer = operators.Sum(index => reg.For(graph.Operators[index]).CountMacs(new OpContext(graph, graph.Operators[index])));
        var modelMacs = graph.Operators.Sum(op => reg.For(op).CountMacs(new OpContext(graph, op)));
        var first = graph.Operators[operators[0]];
        var inputTensor = first.Inputs.First(i => i >= 0 && !graph.Tensors[i].IsConstant);
        return new PatchStage(operators.ToArray(), inputTensor, graph.Operators[operators[^1]].Outputs[0], rows, cols, patches.ToArray(),
            (long)Math.Round(patchedMacs), perLayer, modelMacs);
    }

    /// <summary>
    /// Tries every split along the patchable chain and square grids 2x2 to 8x8; keeps the stage with the lowest peak
    /// whose MAC overhead is within <paramref name="budget"/>. Returns null when no stage beats <paramref name="perLayer"/>.
    /// </summary>
    public static PatchStage? Auto(Graph graph, PlanOptions options, MemoryPlan perLayer, double budget = DefaultBudget, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var chain = PatchableChain(graph, reg);
        var storage = MemoryPlanner.StorageOptionsOf(graph, options, reg);
        var order = perLayer.Steps.Select(s => s.Operator).ToArray();
        var quick = options with { Placement = PlacementStrategy.Greedy };
        PatchStage? best = null;
        var bestPeak = perLayer.ArenaBytes;
        for (var length = 1; length <= chain.Count; length++)
        {
            var operators = chain.Take(length).ToList();
            var splitTensor = graph.Tensors[graph.Operators[operators[^1]].Outputs[0]];
            for (var n = 2; n <= 8 && n <= splitTensor.Shape[1] && n <= splitTensor.Shape[2]; n++)
            {
                var stage = Build(graph, operators, n, n, reg);
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
}
