using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Bench;

/// <summary>
/// The part of a graph that has C kernels: the operators whose lowering succeeds for the target, with the tensors that
/// the other operators produce for them as graph inputs and the tensors they produce for the others as graph outputs.
/// Lets the bench measure the layers that can be generated while colleagues' kernels for the rest are missing.
/// </summary>
public static class SupportedSubgraph
{
    public static (Graph Graph, IReadOnlyList<string> Missing) Of(Graph graph, TargetFeatures target, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var unsupported = graph.Operators.Where(op => !HasKernel(graph, op, target, reg)).ToList();
        if (unsupported.Count == 0)
        {
            return (graph, []);
        }
        var missing = unsupported.Select(o => o.Kind.DisplayName()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var removed = unsupported.Select(o => o.Index).ToHashSet();
        var kept = graph.Operators.Where(o => !removed.Contains(o.Index)).ToList();
        var producedByKept = kept.SelectMany(o => o.Outputs).ToHashSet();
        var readByKept = kept.SelectMany(o => o.Inputs).Where(t => t >= 0).ToHashSet();
        var readByRemoved = unsupported.SelectMany(o => o.Inputs).Where(t => t >= 0).ToHashSet();
        var inputs = graph.Tensors
            .Where(t => readByKept.Contains(t.Index) && !producedByKept.Contains(t.Index) && !t.IsConstant && !t.IsVariable)
            .Select(t => t.Index).ToList();
        var outputs = graph.Tensors
            .Where(t => producedByKept.Contains(t.Index) && (graph.Outputs.Contains(t.Index) || readByRemoved.Contains(t.Index)))
            .Select(t => t.Index).ToList();
        var operators = kept.Select((o, i) => o with { Index = i, Source = o.Number }).ToArray();
        return (graph with { Operators = operators, Inputs = inputs.ToArray(), Outputs = outputs.ToArray() }, missing);
    }

    private static bool HasKernel(Graph graph, Operator op, TargetFeatures target, OperatorRegistry reg)
    {
        try
        {
            var definition = reg.For(op);
            var ctx = new OpContext(graph, op);
            definition.Lower(ctx, definition.Prepare(ctx), definition.StorageOptions(ctx, target)[0], target);
            return true;
        }
        catch (UnsupportedModelException)
        {
            return false;
        }
    }
}
