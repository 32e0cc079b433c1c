using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Placement;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Lays out one patch's buffers inside the stage's scratch block. Steps: 0 copies the input patch in, 1..S run the
/// stage's operators, S+1 copies the last output patch out to the full split tensor. Each buffer is sized for the
/// largest patch; buffers not alive together share bytes.
/// </summary>
public static class PatchMemory
{
    public static PatchLayout Layout(Graph graph, PatchStage stage, IReadOnlyList<StorageOption>[] storage, PlanOptions options)
    {
        var operators = stage.Operators.Length;
        var sizes = new List<long>();
        var first = new List<int>();
        var last = new List<int>();
        void Add(long bytes, int from, int to)
        {
            sizes.Add(bytes);
            first.Add(from);
            last.Add(to);
        }
        var input = graph.Tensors[stage.InputTensor];
        Add(stage.Patches.Max(p => p.Inputs[0].Pixels) * input.Shape[3] * input.Type.SizeInBytes(), 0, 1);
        for (var k = 0; k < operators; k++)
        {
            var output = graph.Tensors[graph.Operators[stage.Operators[k]].Outputs[0]];
            Add(stage.Patches.Max(p => p.Outputs[k].Pixels) * output.Shape[3] * output.Type.SizeInBytes(), k + 1, k + 2);
        }
        var scratchIndex = new long[operators];
        for (var k = 0; k < operators; k++)
        {
            var bytes = storage[stage.Operators[k]][0].ScratchBytes;
            scratchIndex[k] = bytes > 0 ? sizes.Count : -1;
            if (bytes > 0)
            {
                Add(bytes, k + 1, k + 1);
            }
        }
        var problem = new PlacementProblem(sizes, first, last, options.Alignment);
        var result = SearchPlacement.Solve(problem);
        return new PatchLayout(
            result.Offsets[0],
            Enumerable.Range(0, operators).Select(k => result.Offsets[k + 1]).ToArray(),
            scratchIndex.Select(i => i < 0 ? -1 : result.Offsets[i]).ToArray(),
            result.Total);
    }
}
