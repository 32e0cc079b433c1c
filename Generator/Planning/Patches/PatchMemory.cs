using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Placement;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Lays out one patch's buffers inside the stage's scratch block. Steps: 0 copies the input patch in, 1..S run the
/// stage's operators, S+1 copies the last output patch out to the full split tensor (or adds it to the reduction tail's
/// accumulators, which live through every step of every patch). Each tensor's buffer lives from the step that writes it
/// to the last step that reads it, sized for its largest patch; buffers not alive together share bytes.
/// </summary>
public static class PatchMemory
{
    public static PatchLayout Layout(Graph graph, PatchStage stage, IReadOnlyList<StorageOption>[] storage, PlanOptions options,
        OperatorRegistry? registry = null)
    {
        var operators = stage.Operators.Length;
        var sizes = new List<long>();
        var first = new List<int>();
        var last = new List<int>();
        for (var t = 0; t < stage.Tensors.Length; t++)
        {
            var tensor = graph.Tensors[stage.Tensors[t]];
            var written = t; // the input at step 0, operator k's output at step k + 1
            var read = tensor.Index == stage.OutputTensor ? operators + 1
                : Enumerable.Range(0, operators).Where(k => graph.Operators[stage.Operators[k]].Inputs.Contains(tensor.Index)).Select(k => k + 1).DefaultIfEmpty(written).Max();
            sizes.Add(stage.Patches.Max(p => p.Regions[t].Pixels) * tensor.Shape[3] * tensor.Type.SizeInBytes());
            first.Add(written);
            last.Add(read);
        }
        var scratchIndex = new long[operators];
        for (var k = 0; k < operators; k++)
        {
            var bytes = storage[stage.Operators[k]][0].ScratchBytes;
            scratchIndex[k] = bytes > 0 ? sizes.Count : -1;
            if (bytes > 0)
            {
                sizes.Add(bytes);
                first.Add(k + 1);
                last.Add(k + 1);
            }
        }
        var accumulatorIndex = -1;
        if (stage.HasTail)
        {
            var reg = registry ?? OperatorRegistry.Default;
            var tail = graph.Operators[stage.Tail];
            var ctx = new OpContext(graph, tail);
            var definition = reg.For(tail);
            accumulatorIndex = sizes.Count;
            sizes.Add(4L * ((IAccumulatingOperator)definition).AccumulatorCount(ctx, definition.Prepare(ctx)));
            first.Add(0);
            last.Add(operators + 1);
        }
        var result = SearchPlacement.Solve(new PlacementProblem(sizes, first, last, options.Alignment));
        return new PatchLayout(
            Enumerable.Range(0, stage.Tensors.Length).Select(t => result.Offsets[t]).ToArray(),
            scratchIndex.Select(i => i < 0 ? -1 : result.Offsets[i]).ToArray(),
            result.Total,
            accumulatorIndex < 0 ? -1 : result.Offsets[accumulatorIndex],
            accumulatorIndex < 0 ? 0 : sizes[accumulatorIndex]);
    }
}
