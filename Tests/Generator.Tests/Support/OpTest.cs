using System.Runtime.InteropServices;
using MicroGen.Ir;
using MicroGen.Reference;

namespace MicroGen.Tests.Support;

/// <summary>Runs a small graph through the reference interpreter: the harness of the per-operator tests.</summary>
public static class OpTest
{
    /// <summary>Runs the graph on typed inputs and returns output <paramref name="output"/> as T.</summary>
    public static T[] Run<T>(Graph graph, int output = 0, params Array[] inputs) where T : unmanaged
    {
        var bytes = inputs.Select(ToBytes).ToArray();
        var results = new ReferenceInterpreter(graph).Invoke(bytes);
        return MemoryMarshal.Cast<byte, T>(results[output]).ToArray();
    }

    public static byte[] ToBytes(Array values) => values switch
    {
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        _ => throw new ArgumentException($"unsupported input array {values.GetType()}"),
    };

    public static Quantization Q(float scale, int zeroPoint) => Quantization.PerTensor(scale, zeroPoint);

    public static Quantization PerChannel(float[] scales, int axis) => new(scales, new long[scales.Length], axis);
}
