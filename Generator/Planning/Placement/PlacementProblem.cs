namespace MicroGen.Planning.Placement;

/// <summary>
/// Dynamic storage allocation: blocks with sizes and lifetimes [First, Last] (inclusive steps) must get offsets so
/// that blocks alive at the same time never overlap; minimise the highest end. Conflicts are precomputed.
/// </summary>
public sealed class PlacementProblem
{
    public PlacementProblem(IReadOnlyList<long> sizes, IReadOnlyList<int> first, IReadOnlyList<int> last, int alignment)
    {
        Count = sizes.Count;
        Sizes = sizes.Select(s => AlignUp(s, alignment)).ToArray();
        First = first.ToArray();
        Last = last.ToArray();
        Alignment = alignment;
        var conflicts = new List<int>[Count];
        for (var i = 0; i < Count; i++)
        {
            conflicts[i] = [];
        }
        for (var i = 0; i < Count; i++)
        {
            for (var j = i + 1; j < Count; j++)
            {
                if (First[i] <= Last[j] && First[j] <= Last[i])
                {
                    conflicts[i].Add(j);
                    conflicts[j].Add(i);
                }
            }
        }
        Conflicts = conflicts.Select(c => c.ToArray()).ToArray();
    }

    public int Count { get; }

    public long[] Sizes { get; }

    public int[] First { get; }

    public int[] Last { get; }

    public int Alignment { get; }

    public int[][] Conflicts { get; }

    /// <summary>The largest sum of sizes alive at one step: no placement can end lower.</summary>
    public long LowerBound()
    {
        if (Count == 0)
        {
            return 0;
        }
        var steps = Last.Max() + 1;
        var live = new long[steps + 1];
        for (var i = 0; i < Count; i++)
        {
            live[First[i]] += Sizes[i];
            live[Last[i] + 1] -= Sizes[i];
        }
        long current = 0, best = 0;
        for (var s = 0; s < steps; s++)
        {
            current += live[s];
            best = Math.Max(best, current);
        }
        return best;
    }

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>Checks a placement: every offset aligned, conflicting blocks disjoint. Returns the first violation or null.</summary>
    public string? Violation(IReadOnlyList<long> offsets)
    {
        for (var i = 0; i < Count; i++)
        {
            if (offsets[i] < 0 || offsets[i] % Alignment != 0)
            {
                return $"block {i} at offset {offsets[i]} is not aligned to {Alignment}";
            }
            foreach (var j in Conflicts[i])
            {
                if (offsets[i] < offsets[j] + Sizes[j] && offsets[j] < offsets[i] + Sizes[i])
                {
                    return $"blocks {i} and {j} are alive together and overlap";
                }
            }
        }
        return null;
    }
}
