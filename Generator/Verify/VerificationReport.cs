using MicroGen.Build;

namespace MicroGen.Verify;

/// <summary>The outcome of verifying one model on one board: the build, each input case's verdict, and where a mismatch starts.</summary>
public sealed record VerificationReport(
    string Model,
    string Board,
    ExecutionTarget Target,
    BuildResult Build,
    IReadOnlyList<CaseResult> Cases,
    LayerMismatch? FirstMismatch)
{
    public bool BitExact => Cases.All(c => c.BitExact);
}
