using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Planning.Rewrites;

/// <summary>
/// Exact graph rewrites applied before planning: the rewritten graph computes the same bytes as the original (the tests
/// check it), with fewer tensors in memory. Verification always compares against the original graph.
/// </summary>
public static class GraphRewriter
{
    public static Graph Optimize(Graph graph)
    {
        var rewritten = FoldPadIntoConvolution.Apply(graph);
        if (!ReferenceEquals(rewritten, graph))
        {
            GraphValidator.Validate(rewritten);
        }
        return rewritten;
    }
}
