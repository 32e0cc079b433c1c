using MicroGen.Planning;

namespace MicroGen.Reports;

/// <summary>A row-streamed segment as reported: its first and last operator, its bands, and the bytes of its windows and scratch.</summary>
public sealed record StreamSummary(int FirstOp, int LastOp, int Bands, int BandRows, long WindowBytes)
{
    public static IReadOnlyList<StreamSummary> Of(MemoryPlan plan) => 
        plan.Streams.Select((s, i) => new StreamSummary(s.FirstNumber, s.LastNumber, s.Bands.Length, s.BandRows, plan.StreamLayouts[i].Bytes)).ToList();
}
