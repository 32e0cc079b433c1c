namespace MicroGen.Reports;

public sealed record OperatorSummary(int Index, string Kind, IReadOnlyList<TensorSummary> Inputs,
    IReadOnlyList<TensorSummary> Outputs, long Macs);
