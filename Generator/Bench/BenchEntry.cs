namespace MicroGen.Bench;

/// <summary>
/// One model on one board: the optimised kernels and the portable baseline. <see cref="Status"/> is "ok", "partial"
/// (only the operators that have C kernels were measured: <see cref="Missing"/> lists the others), "not generated"
/// (none could be, or the model does not fit) with <see cref="Error"/> saying why.
/// </summary>
public sealed record BenchEntry(
    string Model,
    string Board,
    string Status,
    int Operators,
    int MeasuredOperators,
    IReadOnlyList<string> Missing,
    long Macs,
    long WeightBytes,
    BenchMeasurement? Optimized,
    BenchMeasurement? Portable,
    string? Error)
{
    /// <summary>Optimised instructions over portable instructions (0 when either is missing).</summary>
    public double InstructionRatio => Optimized is null || Portable is null || Portable.Instructions == 0
        ? 0 : Optimized.Instructions / (double)Portable.Instructions;

    /// <summary>Code the optimised kernels add over the portable build, as a fraction of the model's weight bytes.</summary>
    public double CodeGrowthOfWeights => Optimized is null || Portable is null || WeightBytes == 0
        ? 0 : (Optimized.CodeBytes - Portable.CodeBytes) / (double)WeightBytes;
}
