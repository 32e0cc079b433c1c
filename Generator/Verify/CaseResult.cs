namespace MicroGen.Verify;

/// <summary>The verdict for one input case: the reference's outputs, the firmware's, and which outputs differ.</summary>
public sealed record CaseResult(string Label, IReadOnlyList<byte[]> Expected, IReadOnlyList<byte[]> Actual, IReadOnlyList<int> DifferingOutputs)
{
    public bool BitExact => DifferingOutputs.Count == 0;
}
