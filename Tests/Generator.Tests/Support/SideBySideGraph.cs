using System.Runtime.InteropServices;
using MicroGen.Ir;

namespace MicroGen.Tests.Support;

/// <summary>
/// Builds one graph holding many small subgraphs side by side (each its own inputs and outputs), so that one firmware
/// build checks many layer configurations; and seeded inputs for it, floats included.
/// </summary>
public static class SideBySideGraph
{
    /// <summary>Copies a graph into <paramref name="target"/>: its inputs become graph inputs, its outputs graph outputs.</summary>
    public static void Append(GraphBuilder target, Graph source)
    {
        var map = new Dictionary<int, int>();
        foreach (var t in source.Tensors)
        {
            if (!source.Operators.Any(o => o.Inputs.Contains(t.Index) || o.Outputs.Contains(t.Index)))
            {
                continue;
            }
            var name = $"l{target.Tensors.Count}_{t.Name}";
            map[t.Index] = source.Inputs.Contains(t.Index)
                ? target.Input(name, t.Type, t.Shape.Items.ToArray(), t.Quantization)
                : target.AddTensor(name, t.Type, t.Shape.Items.ToArray(), t.Quantization, t.Data is null ? default : t.Data.Span, t.IsVariable, t.IsConstant);
        }
        foreach (var op in source.Operators)
        {
            target.AddOperator(op.Kind, op.Inputs.Select(i => i < 0 ? -1 : map[i]).ToArray(), op.Outputs.Select(i => map[i]).ToArray(), op.Options);
        }
        foreach (var o in source.Outputs)
        {
            target.MarkOutput(map[o]);
        }
    }

    /// <summary>
    /// A subgraph of <paramref name="graph"/> holding operator <paramref name="op"/> alone: its non-constant inputs
    /// (variables excepted) become inputs, its outputs outputs.
    /// </summary>
    public static Graph OperatorAlone(Graph graph, int op)
    {
        var o = graph.Operators[op];
        var b = new GraphBuilder();
        var map = new Dictionary<int, int>();
        foreach (var index in o.Inputs.Where(i => i >= 0).Concat(o.Outputs).Distinct())
        {
            var t = graph.Tensors[index];
            map[index] = !t.IsConstant && !t.IsVariable && o.Inputs.Contains(index)
                ? b.Input(t.Name, t.Type, t.Shape.Items.ToArray(), t.Quantization)
                : b.AddTensor(t.Name, t.Type, t.Shape.Items.ToArray(), t.Quantization, t.Data is null ? default : t.Data.Span, t.IsVariable, t.IsConstant);
        }
        b.AddOperator(o.Kind, o.Inputs.Select(i => i < 0 ? -1 : map[i]).ToArray(), o.Outputs.Select(i => map[i]).ToArray(), o.Options);
        foreach (var output in o.Outputs)
        {
            b.MarkOutput(map[output]);
        }
        return b.Build($"{graph.Name}_op{op}");
    }

    /// <summary>
    /// Seeded bytes for every graph input: integers cover their whole range, and an 8- or 16-bit tensor with room for
    /// every value starts with all of them in random order; floats mix uniform values of a per-tensor range, exact
    /// binary fractions (the halfway cases of power-of-two scales) and, with <paramref name="specials"/>, infinities,
    /// NaN, signed zeros, denormals and values beyond the int32 range.
    /// </summary>
    public static byte[][] Inputs(Graph graph, Random random, bool specials) =>
        graph.InputTensors.Select(t =>
        {
            var bytes = new byte[t.SizeInBytes];
            if (t.Type != DataType.Float32)
            {
                random.NextBytes(bytes);
                if (t.Type is DataType.Int8 or DataType.UInt8 && bytes.Length >= 256)
                {
                    var all = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
                    random.Shuffle(all);
                    all.CopyTo(bytes, 0);
                }
                else if (t.Type == DataType.Int16 && t.ElementCount >= 65536)
                {
                    var all = Enumerable.Range(short.MinValue, 65536).Select(v => (short)v).ToArray();
                    random.Shuffle(all);
                    MemoryMarshal.AsBytes(all.AsSpan()).CopyTo(bytes);
                }
                return bytes;
            }
            var floats = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
            var range = (float)Math.Pow(10, random.NextDouble() * 3 - 1);
            float[] special = [float.PositiveInfinity, float.NegativeInfinity, float.NaN, 0f, -0f, 1e-40f, -1e-40f, 3e9f, -3e9f, 2147483648f, -2147483648f];
            for (var i = 0; i < floats.Length; i++)
            {
                var kind = random.Next(20);
                floats[i] = kind switch
                {
                    0 when specials => special[random.Next(special.Length)],
                    < 5 => random.Next(-300, 301) / (float)(1 << random.Next(1, 9)),
                    _ => (float)((random.NextDouble() * 2 - 1) * range),
                };
            }
            return bytes;
        }).ToArray();
}
