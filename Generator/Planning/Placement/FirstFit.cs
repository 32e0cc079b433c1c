namespace MicroGen.Planning.Placement;

/// <summary>Places blocks in a given order, each at the lowest aligned base offset where none of its segments overlaps a placed, live segment.</summary>
public static class FirstFit
{
    public static long Place(PlacementProblem problem, ReadOnlySpan<int> order, long[] offsets)
    {
        Span<bool> placed = problem.Count <= 1024 ? stackalloc bool[problem.Count] : new bool[problem.Count];
        var forbidden = new List<(long Start, long End)>();
        long total = 0;
        foreach (var block in order)
        {
            offsets[block] = LowestGap(problem, block, offsets, placed, forbidden);
            placed[block] = true;
            total = Math.Max(total, offsets[block] + problem.Sizes[block]);
        }
        return total;
    }

    /// <summary>
    /// The lowest base for <paramref name="block"/> given the placed blocks: each pair of time-overlapping segments
    /// forbids an open range of bases; the answer is 0 or just past a forbidden range, aligned.
    /// </summary>
    public static long LowestGap(PlacementProblem problem, int block, long[] offsets, ReadOnlySpan<bool> placed, List<(long Start, long End)> forbidden)
    {
        forbidden.Clear();
        var mine = problem.Segments[block];
        foreach (var other in problem.Conflicts[block])
        {
            if (!placed[other])
            {
                continue;
            }
            foreach (var theirs in problem.Segments[other])
            {
                foreach (var segment in mine)
                {
                    if (segment.First <= theirs.Last && theirs.First <= segment.Last)
                    {
                        // base + segment.Start < offset + theirs.End and offset + theirs.Start < base + segment.End.
                        forbidden.Add((offsets[other] + theirs.Start - segment.End + 1, offsets[other] + theirs.End - segment.Start));
                    }
                }
            }
        }
        forbidden.Sort();
        long candidate = 0;
        foreach (var (start, end) in forbidden)
        {
            if (candidate < start)
            {
                break;
            }
            if (candidate < end)
            {
                candidate = PlacementProblem.AlignUp(end, problem.Alignment);
            }
        }
        return candidate;
    }
}
