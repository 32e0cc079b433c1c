using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Reports;

/// <summary>What `microgen inspect` reports: every operator with its tensors and MACs, and the model's totals.</summary>
public sealed record ModelSummary(
    string Name,
    IReadOnlyList<TensorSummary> Inputs,
    IReadOnlyList<TensorSummary> Outputs,
    IReadOnlyList<OperatorSummary> Operators,
    long TotalMacs,
    long WeightBytes,
    long LargestActivationBytes,
    string LargestActivation)
{
    public static ModelSummary Of(Graph graph, string name)
    {
        var registry = OperatorRegistry.Default;
        var operators = graph.Operators.Select(op => new OperatorSummary(
            op.Index,
            op.Kind.DisplayName(),
            op.Inputs.Where(i => i >= 0).Select(i => TensorSummary.Of(graph.Tensors[i])).ToList(),
            op.Outputs.Select(i => TensorSummary.Of(graph.Tensors[i])).ToList(),
            registry.For(op).CountMacs(new OpContext(graph, op)))).ToList();
        var weightBytes = graph.Tensors.Where(t => t.IsConstant).Sum(t => (long)t.Data!.Length);
        var activations = graph.Tensors.Where(t => !t.IsConstant).ToList();
        var largest = activations.OrderByDescending(t => t.SizeInBytes).ThenBy(t => t.Index).FirstOrDefault();
        return new ModelSummary(
            name,
            graph.InputTensors.Select(TensorSummary.Of).ToList(),
            graph.OutputTensors.Select(TensorSummary.Of).ToList(),
            operators,
            operators.Sum(o => o.Macs),
            weightBytes,
            largest?.SizeInBytes ?? 0,
            largest?.Name ?? "");
    }
}
