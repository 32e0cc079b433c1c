namespace MicroGen.Bench;

/// <summary>
/// One model built with one kernel set for one board and run once in the simulator. Instructions and cycles are the
/// sums over the layer functions (one inference); flash counts every byte loaded from flash (code, constants, harness,
/// test vectors), code the sizes of all functions; peak SRAM is the planned arena plus the measured stack peak.
/// </summary>
public sealed record BenchMeasurement(
    KernelSet Kernels,
    ulong Instructions,
    ulong Cycles,
    double Milliseconds,
    double MacsPerCycle,
    long FlashBytes,
    long CodeBytes,
    long PeakSramBytes,
    long ArenaBytes,
    long StackBytes,
    bool BitExact,
    IReadOnlyList<LayerFigures> Layers,
    IReadOnlyList<KindFigures> Kinds);
