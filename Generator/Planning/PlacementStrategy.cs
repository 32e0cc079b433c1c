namespace MicroGen.Planning;

public enum PlacementStrategy
{
    /// <summary>Largest first, first fit: TFLM's and TinyEngine's placement; the baseline.</summary>
    Greedy,

    /// <summary>Branch and bound on small problems, improvement search on large ones; never worse than greedy.</summary>
    Best,
}
