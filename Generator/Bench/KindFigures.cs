namespace MicroGen.Bench;

/// <summary>The layers of one operator kind together: MACs, cycles, instructions, MAC per cycle.</summary>
public sealed record KindFigures(string Kind, int Layers, long Macs, ulong Cycles, ulong Instructions)
{
    public double MacsPerCycle => Cycles == 0 ? 0 : Macs / (double)Cycles;

    public static IReadOnlyList<KindFigures> Of(IEnumerable<LayerFigures> layers) =>
        layers.GroupBy(l => l.Kind, StringComparer.Ordinal)
            .Select(g => new KindFigures(g.Key, g.Count(), g.Sum(l => l.Macs), (ulong)g.Sum(l => (decimal)l.Cycles), (ulong)g.Sum(l => (decimal)l.Instructions)))
            .OrderByDescending(k => k.Cycles)
            .ToList();
}
