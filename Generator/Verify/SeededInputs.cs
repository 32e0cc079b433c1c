using System.Runtime.InteropServices;
using MicroGen.Ir;

namespace MicroGen.Verify;

/// <summary>Seeded random model inputs: int8/uint8/int16 over their full range, float32 in [-1, 1) scaled to the input's range.</summary>
public static class SeededInputs
{
    public static InputCase Create(Graph graph, int seed)
    {
        var random = new Random(seed);
        var inputs = graph.InputTensors.Select(t =>
        {
            var bytes = new byte[t.SizeInBytes];
            if (t.Type == DataType.Float32)
            {
                var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)(random.NextDouble() * 2 - 1);
                }
            }
            else
            {
                random.NextBytes(bytes);
            }
            return bytes;
        }).ToList();
        return new InputCase($"seed {seed}", inputs);
    }
}
