namespace MicroGen.Simulator.Bench;

/// <summary>One line of the result table.</summary>
internal sealed record BenchmarkRow(string Engine, string Machine, ulong Instructions, double Seconds)
{
    public double Mips => Instructions / Seconds / 1e6;
}
