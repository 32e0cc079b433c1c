using MicroGen.Simulator.Core;

namespace MicroGen.Simulator;

/// <summary>Everything one run measured.</summary>
/// <param name="Cycles">Modelled core cycles.</param>
/// <param name="Instructions">Executed instructions.</param>
/// <param name="MillisecondsAtClock">Cycles at the board clock, in milliseconds.</param>
/// <param name="PeakStackBytes">Initial SP (from the vector table) minus the lowest SP reached.</param>
/// <param name="StackLimitBytes">Initial SP minus <c>__StackLimit</c> when the symbol exists.</param>
/// <param name="ArenaHighWaterBytes">Highest byte offset written inside the arena symbol, plus 1 (0 if none or no arena).</param>
/// <param name="Layers">Per-layer cycles and instructions, in first-call order.</param>
/// <param name="ExitCode">Semihosting exit code, null when the firmware did not exit that way.</param>
/// <param name="ConsoleText">All console output (semihosting and UART).</param>
/// <param name="Fault">The fault that stopped the run or was last taken, or null.</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="StopPc">PC when the run ended.</param>
/// <param name="Error">Set when the run could not start (bad ELF, bad patch, bad machine); the figures are then 0.</param>
public sealed record SimulationResult(
    ulong Cycles,
    ulong Instructions,
    double MillisecondsAtClock,
    uint PeakStackBytes,
    uint? StackLimitBytes,
    uint ArenaHighWaterBytes,
    IReadOnlyList<LayerStatistics> Layers,
    int? ExitCode,
    string ConsoleText,
    FaultReport? Fault,
    StopReason StopReason,
    uint StopPc,
    string? Error)
{
    public static SimulationResult Failed(string error) =>
        new(0, 0, 0, 0, null, 0, [], null, string.Empty, null, StopReason.SetupError, 0, error);
}
