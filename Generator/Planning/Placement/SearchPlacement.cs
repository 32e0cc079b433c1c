namespace MicroGen.Planning.Placement;

/// <summary>
/// Better placements than greedy: exhaustive branch and bound over first-fit placement orders for small problems,
/// otherwise several seed orders improved by a deterministic local search. The result is never worse than greedy
/// because greedy's order is one of the candidates.
/// </summary>
public static class SearchPlacement
{
    /// <summary>Problems up to this many blocks are searched exhaustively (with pruning).</summary>
    public const int ExhaustiveLimit = 9;

    public static PlacementResult Solve(PlacementProblem problem, int iterations = 3000)
    {
        var greedy = GreedyPlacement.Solve(problem);
        var lowerBound = problem.LowerBound();
        if (greedy.Total <= lowerBound || problem.Count <= 1)
        {
            return greedy with { Method = greedy.Method + ", optimal (equals the lower bound)" };
        }
        return problem.Count <= ExhaustiveLimit
            ? BranchAndBound(problem, greedy, lowerBound)
            : LocalSearch(problem, greedy, lowerBound, iterations);
    }

    private static PlacementResult BranchAndBound(PlacementProblem problem, PlacementResult greedy, long lowerBound)
    {
        var best = greedy.Offsets.ToArray();
        var bestTotal = greedy.Total;
        var offsets = new long[problem.Count];
        var placed = new bool[problem.Count];
        var scratch = new List<(long, long)>();

        void Visit(int depth, long currentTotal)
        {
            if (bestTotal <= lowerBound)
            {
                return;
            }
            if (depth == problem.Count)
            {
                if (currentTotal < bestTotal)
                {
                    bestTotal = currentTotal;
                    Array.Copy(offsets, best, offsets.Length);
                }
                return;
            }
            for (var block = 0; block < problem.Count; block++)
            {
                if (placed[block])
                {
                    continue;
                }
                var offset = FirstFit.LowestGap(problem, block, offsets, placed, scratch);
                var total = Math.Max(currentTotal, offset + problem.Sizes[block]);
                if (total >= bestTotal)
                {
                    continue;
                }
                offsets[block] = offset;
                placed[block] = true;
                Visit(depth + 1, total);
                placed[block] = false;
            }
        }

        Visit(0, 0);
        return new PlacementResult(best, bestTotal, bestTotal < greedy.Total
            ? "branch and bound over first-fit orders (exhaustive)"
            : "branch and bound over first-fit orders (exhaustive; greedy was already best)");
    }

    private static PlacementResult LocalSearch(PlacementProblem problem, PlacementResult greedy, long lowerBound, int iterations)
    {
        var n = problem.Count;
        var seeds = new[]
        {
            Enumerable.Range(0, n).OrderByDescending(i => problem.Sizes[i]).ThenBy(i => problem.First[i]).ThenBy(i => i).ToArray(),
            Enumerable.Range(0, n).OrderByDescending(i => problem.Sizes[i] * (problem.Last[i] - problem.First[i] + 1)).ThenBy(i => i).ToArray(),
            Enumerable.Range(0, n).OrderByDescending(i => problem.Last[i] - problem.First[i]).ThenByDescending(i => problem.Sizes[i]).ThenBy(i => i).ToArray(),
            Enumerable.Range(0, n).OrderBy(i => problem.First[i]).ThenByDescending(i => problem.Sizes[i]).ThenBy(i => i).ToArray(),
            Enumerable.Range(0, n).OrderByDescending(i => problem.Conflicts[i].Sum(j => problem.Sizes[j]) + problem.Sizes[i]).ThenBy(i => i).ToArray(),
        };
        var offsets = new long[n];
        var bestOrder = seeds[0];
        var bestTotal = greedy.Total;
        foreach (var seed in seeds.Skip(1))
        {
            var total = FirstFit.Place(problem, seed, offsets);
            if (total < bestTotal)
            {
                bestTotal = total;
                bestOrder = seed;
            }
        }
        var random = new Random(12345);
        var order = bestOrder.ToArray();
        var currentTotal = bestTotal;
        for (var i = 0; i < iterations && bestTotal > lowerBound; i++)
        {
            var a = random.Next(n);
            var b = random.Next(n);
            if (a == b)
            {
                continue;
            }
            // Move block at a to position b.
            var candidate = order.ToList();
            var moved = candidate[a];
            candidate.RemoveAt(a);
            candidate.Insert(b, moved);
            var candidateArray = candidate.ToArray();
            var total = FirstFit.Place(problem, candidateArray, offsets);
            if (total <= currentTotal)
            {
                order = candidateArray;
                currentTotal = total;
                if (total < bestTotal)
                {
                    bestTotal = total;
                    bestOrder = candidateArray;
                }
            }
        }
        var finalOffsets = new long[n];
        FirstFit.Place(problem, bestOrder, finalOffsets);
        return new PlacementResult(finalOffsets, bestTotal, bestTotal < greedy.Total
            ? $"local search over first-fit orders ({iterations} moves)"
            : "local search over first-fit orders (greedy was already best)");
    }
}
