namespace MicroGen.Reports;

public sealed record BufferSummary(string Name, string Kind, long Offset, long Bytes, int FirstStep, int LastStep, IReadOnlyList<int> Tensors);
