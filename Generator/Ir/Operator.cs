using MicroGen.Ir.Options;

namespace MicroGen.Ir;

/// <summary>
/// One operator of the graph, in execution order at <see cref="Index"/>. Inputs and outputs are tensor
/// indices; an absent optional input is -1. Intermediates carry quantization metadata (LSTM).
/// </summary>
public sealed record Operator(
    int Index,
    OpKind Kind,
    EquatableArray<int> Inputs,
    EquatableArray<int> Outputs,
    OperatorOptions Options,
    EquatableArray<int> Intermediates)
{
    public string Describe() => $"operator {Index} ({Kind.DisplayName()})";
}
