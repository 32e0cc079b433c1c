using System.Globalization;
using MicroGen.Planning.Patches;

namespace MicroGen.Reports;

/// <summary>
/// A patch plan as reported: the grid, the operator after which per-layer execution resumes, and, when the stage ends
/// in a reduction tail, that operator's number (the map before it is summed patch by patch; null otherwise).
/// </summary>
public sealed record PatchSummary(int Rows, int Cols, int SplitOp, int? TailOp)
{
    public static PatchSummary? Of(PatchStage? stage) =>
        stage is null ? null : new PatchSummary(stage.Rows, stage.Cols, stage.SplitNumber, stage.HasTail ? stage.SplitNumber : null);

    /// <summary>The one-line description every report prints (a patch stage, row-streamed segments, or neither).</summary>
    public static string Describe(PatchSummary? patch, IReadOnlyList<StreamSummary> streams, double macOverhead) => patch is null
        ? streams.Count == 0 ? "none (per-layer execution)"
            : "row by row with line buffers (no extra MACs): operators "
                + string.Join(", ", streams.Select(s => $"{s.FirstOp}-{s.LastOp} ({s.WindowBytes.ToString("N0", CultureInfo.InvariantCulture)} B of windows)"))
        : $"{patch.Rows}x{patch.Cols} until operator {patch.SplitOp}"
            + (patch.TailOp is null ? "" : " (its input summed patch by patch, never held whole)")
            + $", {macOverhead.ToString("P1", CultureInfo.InvariantCulture)} extra MACs";
}
