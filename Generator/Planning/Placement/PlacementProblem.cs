namespace MicroGen.Planning.Placement;

/// <summary>
/// Dynamic storage allocation: blocks, each a set of segments (steps [First, Last] x bytes [Start, End) relative to
/// the block's base), must get base offsets so that no two segments alive at the same step overlap; minimise the
/// highest end. A plain block has one segment. Conflicting block pairs are precomputed.
/// </summary>
public sealed class PlacementProblem
{
    public PlacementProblem(IReadOnlyList<IReadOnlyList<BufferSegment>> blocks, int alignment)
    {
        Count = blocks.Count;
        Alignment = alignment;
        Segments = blocks.Select(b => b.Select(s => s with { End = s.Start + AlignUp(s.End - s.Start, alignment) }).ToArray()).ToArray();
        Sizes = Segments.Select(s => s.Length == 0 ? 0 : s.Max(x => x.End)).ToArray();
        First = Segments.Select(s => s.Length == 0 ? 0 : s.Min(x => x.First)).ToArray();
        Last = Segments.Select(s => s.Length == 0 ? 0 : s.Max(x => x.Last)).ToArray();
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

    /// <summary>Plain blocks: one segment each.</summary>
    public PlacementProblem(IReadOnlyList<long> sizes, IReadOnlyList<int> first, IReadOnlyList<int> last, int alignment)
        : this(sizes.Select((s, i) => (IReadOnlyList<BufferSegment>)[new BufferSegment(first[i], last[i], 0, s)]).ToArray(), alignment)
    {
    }

    public int Count { get; }

    public BufferSegment[][] Segments { get; }

    /// <summary>Each block's extent (its highest segment end).</summary>
    public long[] Sizes { get; }

    public int[] First { get; }

    public int[] Last { get; }

    public int Alignment { get; }

    public int[][] Conflicts { get; }

    /// <summary>The largest number of bytes in use at one step (the union of each block's live segments): no placement ends lower.</summary>
    public long LowerBound()
    {
        if (Count == 0)
        {
            return 0;
        }
        var steps = Last.Max() + 1;
        var live = new long[steps];
        for (var i = 0; i < Count; i++)
        {
            for (var step = First[i]; step <= Last[i]; step++)
            {
                var ranges = Segments[i].Where(s => s.First <= step && step <= s.Last).Select(s => (s.Start, s.End)).OrderBy(r => r.Start);
                long covered = 0, reach = long.MinValue;
                foreach (var (start, end) in ranges)
                {
                    var from = Math.Max(start, reach);
                    if (end > from)
                    {
                        covered += end - from;
                    }
                    reach = Math.Max(reach, end);
                }
                live[step] += covered;
            }
        }
        return live.Max();
    }

    public static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    /// <summary>Checks a placement: every offset aligned, no two segments alive together overlapping. Returns the first violation or null.</summary>
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
                if (Collide(i, offsets[i], j, offsets[j]))
                {
                    return $"blocks {i} and {j} are alive together and overlap";
                }
            }
        }
        return null;
    }

    public bool Collide(int a, long baseA, int b, long baseB)
    {
        foreach (var sa in Segments[a])
        {
            foreach (var sb in Segments[b])
            {
                if (sa.First <= sb.Last && sb.First <= sa.Last && baseA + sa.Start < baseB + sb.End && baseB + sb.Start < baseA + sa.End)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
