namespace MicroGen.Planning.Placement;

/// <summary>Places blocks in a given order, each at the lowest aligned offset that overlaps no conflicting placed block.</summary>
public static class FirstFit
{
    public static long Place(PlacementProblem problem, ReadOnlySpan<int> order, long[] offsets)
    {
        Span<bool> placed = problem.Count <= 1024 ? stackalloc bool[problem.Count] : new bool[problem.Count];
        var intervals = new List<(long Start, long End)>();
        long total = 0;
        foreach (var block in order)
        {
            offsets[block] = LowestGap(problem, block, offsets, placed, intervals);
            placed[block] = true;
            total = Math.Max(total, offsets[block] + problem.Sizes[block]);
        }
        return total;
    }

    /// <summary>The lowest offset for <paramref name="block"/> given the blocks already placed.</summary>
    public static long LowestGap(PlacementProblem problem, int block, long[] offsets, ReadOnlySpan<bool> placed, List<(long Start, long End)> scratch)
    {
        scratch.Clear();
        foreach (var other in problem.Conflicts[block])
        {
            if (placed[other])
            {
                scratch.Add((offsets[other], offsets[other] + problem.Sizes[other]));
            }
        }
        scratch.Sort();
        long candidate = 0;
        var size = problem.Sizes[block];
        foreach (var (start, end) in scratch)
        {
            if (candidate + size <= start)
            {
                break;
            }
            candidate = Math.Max(candidate, PlacementProblem.AlignUp(end, problem.Alignment));
        }
        return candidate;
    }
}
