using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Tests.Planning;

/// <summary>Random DAGs with random sizes and storage options, for the planner's property tests.</summary>
internal static class RandomGraphs
{
    public static (Graph Graph, IReadOnlyList<StorageOption>[] Storage) Create(Random random, int operators)
    {
        var b = new GraphBuilder();
        var available = new List<int>();
        for (var i = 0; i < 1 + random.Next(2); i++)
        {
            available.Add(b.Input($"in{i}", DataType.Int8, [1 + random.Next(400)]));
        }
        var storage = new List<IReadOnlyList<StorageOption>>();
        var consumed = new HashSet<int>();
        for (var op = 0; op < operators; op++)
        {
            var inputs = Enumerable.Range(0, 1 + random.Next(2))
                .Select(_ => available[Math.Max(0, available.Count - 1 - random.Next(Math.Min(4, available.Count)))])
                .ToArray();
            var output = b.Activation($"t{op}", DataType.Int8, [1 + random.Next(500)]);
            b.AddOperator(OpKind.Add, inputs, [output]);
            foreach (var t in inputs)
            {
                consumed.Add(t);
            }
            available.Add(output);
            var options = new List<StorageOption> { StorageOption.Separate(random.Next(3) == 0 ? random.Next(1, 200) : 0) };
            switch (random.Next(4))
            {
                case 0:
                    options.Add(new StorageOption(StorageMode.InPlace, 0, 0));
                    break;
                case 1:
                    options.Add(new StorageOption(StorageMode.Alias, 0, 0));
                    break;
                case 2:
                    options.Add(new StorageOption(StorageMode.Overlapped, 0, random.Next(1, 50), -random.Next(0, 100) / 4 * 4));
                    break;
            }
            storage.Add(options);
        }
        // Every tensor nobody reads becomes a graph output, plus one random extra output.
        foreach (var t in available.Where(t => !consumed.Contains(t)))
        {
            b.MarkOutput(t);
        }
        return (b.Build("random"), storage.ToArray());
    }
}
