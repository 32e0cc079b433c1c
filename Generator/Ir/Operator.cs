using MicroGen.Ir.Options;

namespace MicroGen.Ir;

/// <summary>
/// One operator of the graph, in execution order at <see cref="Index"/>. Inputs and outputs are tensor
/// indices; an absent optional input is -1. Intermediates carry quantization metadata (LSTM). After a graph rewrite,
/// <see cref="Source"/> keeps the operator's index in the model file, which is the number users see.
/// </summary>
public sealed record Operator(
    int Index,
    OpKind Kind,
    EquatableArray<int> Inputs,
    EquatableArray<int> Outputs,
    OperatorOptions Options,
    EquatableArray<int> Intermediates,
    int? Source = null)
{
    /// <summary>The operator's number in the model file.</summary>
    public int Number => Source ?? Index;

    public string Describe() => $"operator {Number} ({Kind.DisplayName()})";
}
