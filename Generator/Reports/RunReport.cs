using MicroGen.Build;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Pipeline;
using MicroGen.Verify;

namespace MicroGen.Reports;

/// <summary>
/// What a verified run reports: the verdict, flash and RAM per region against the board, peak SRAM split into arena,
/// scratch and stack, per-layer MACs, cycles, MAC/cycle and milliseconds, and the patch plan if any.
/// </summary>
public sealed record RunReport(
    string Model,
    string Board,
    string Core,
    long ClockHz,
    string Target,
    bool BitExact,
    bool Passed,
    int InputSets,
    string? FirstMismatch,
    string? MemoryViolation,
    IReadOnlyList<string> MemoryProblems,
    long FlashBytes,
    long StaticRamBytes,
    IReadOnlyList<RegionUse> Regions,
    long ArenaBytes,
    long ScratchBytes,
    long StackPeakBytes,
    long PeakSramBytes,
    long LowerBoundBytes,
    long Cycles,
    long Instructions,
    double MsAtClock,
    long TotalMacs,
    double MacPerCycle,
    PatchSummary? Patch,
    double MacOverhead,
    IReadOnlyList<LayerReport> Layers,
    IReadOnlyList<StreamSummary> Streams)
{
    public static RunReport Of(PreparedModel model, VerificationReport verification)
    {
        var simulation = verification.Simulation;
        var registry = OperatorRegistry.Default;
        var macsByNumber = model.Graph.Operators.ToDictionary(op => op.Number, op => registry.For(op).CountMacs(new OpContext(model.Graph, op)));
        var kindByNumber = model.Graph.Operators.ToDictionary(op => op.Number, op => op.Kind.DisplayName());
        var clock = Math.Max(1, model.Board.ClockHz);
        var layers = simulation?.Layers.Select(l =>
        {
            var number = LayerNumber(l.Name);
            var macs = macsByNumber.GetValueOrDefault(number);
            return new LayerReport(l.Name, number, kindByNumber.GetValueOrDefault(number, "?"), macs, (long)l.Cycles, (long)l.Instructions,
                l.Cycles == 0 ? 0 : Math.Round((double)macs / l.Cycles, 4), Math.Round(l.Cycles * 1000.0 / clock, 4), l.Calls);
        }).ToList() ?? [];
        var totalMacs = macsByNumber.Values.Sum();
        var cycles = (long)(simulation?.Cycles ?? 0);
        var stack = (long)(simulation?.PeakStackBytes ?? 0);
        var scratch = model.Plan.ScratchBytes;
        return new RunReport(
            model.ModelName, model.Board.Name, model.Board.CoreName, model.Board.ClockHz, verification.Target.ToString().ToLowerInvariant(),
            verification.BitExact, verification.Passed, verification.Cases.Count, verification.FirstMismatch?.ToString(), verification.Violation?.ToString(),
            verification.MemoryProblems, verification.Build.FlashBytes, verification.Build.StaticRamBytes, verification.Build.Regions,
            model.Plan.ArenaBytes, scratch, stack, model.Plan.ArenaBytes + stack, model.Plan.LowerBoundBytes,
            cycles, (long)(simulation?.Instructions ?? 0), Math.Round(simulation?.MillisecondsAtClock ?? 0, 4), totalMacs,
            cycles == 0 ? 0 : Math.Round((double)totalMacs / cycles, 4),
            PatchSummary.Of(model.Plan.Patch),
            Math.Round(model.Plan.Patch?.MacOverhead ?? 0, 4), layers, StreamSummary.Of(model.Plan));
    }

    /// <summary>mg_layer_012_conv_2d gives 12.</summary>
    private static int LayerNumber(string symbol)
    {
        var parts = symbol.Split('_');
        return parts.Length > 2 && int.TryParse(parts[2], out var number) ? number : -1;
    }
}
