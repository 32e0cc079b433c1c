namespace MicroGen.Bench;

/// <summary>One layer's cost in the simulator: the operator (its number in the model file), its kind and MACs.</summary>
public sealed record LayerFigures(int Operator, string Kind, long Macs, ulong Cycles, ulong Instructions)
{
    public double MacsPerCycle => Cycles == 0 ? 0 : Macs / (double)Cycles;
}
