namespace MicroGen.Planning.Placement;

/// <summary>The baseline: largest block first (ties: earlier first step, then index), first fit.</summary>
public static class GreedyPlacement
{
    public static PlacementResult Solve(PlacementProblem problem)
    {
        var order = Enumerable.Range(0, problem.Count)
            .OrderByDescending(i => problem.Sizes[i]).ThenBy(i => problem.First[i]).ThenBy(i => i).ToArray();
        var offsets = new long[problem.Count];
        var total = FirstFit.Place(problem, order, offsets);
        return new PlacementResult(offsets, total, "greedy (largest first, first fit)");
    }
}
