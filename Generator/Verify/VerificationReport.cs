using MicroGen.Build;
using MicroGen.Simulator;

namespace MicroGen.Verify;

/// <summary>
/// The outcome of verifying one model on one board: the build, each input case's verdict, where a mismatch starts, and
/// in the simulator the measurements of the first case, the memory checks and any forbidden store.
/// </summary>
public sealed record VerificationReport(
    string Model,
    string Board,
    ExecutionTarget Target,
    BuildResult Build,
    IReadOnlyList<CaseResult> Cases,
    LayerMismatch? FirstMismatch,
    SimulationResult? Simulation,
    IReadOnlyList<string> MemoryProblems,
    MemoryViolation? Violation)
{
    public bool BitExact => Cases.All(c => c.BitExact);

    /// <summary>Bit-exact, within the memory plan and the board's limits, and (with --check-memory) no forbidden store.</summary>
    public bool Passed => BitExact && MemoryProblems.Count == 0 && Violation is null;
}
