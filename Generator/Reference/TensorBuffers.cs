using System.Runtime.InteropServices;
using MicroGen.Ir;

namespace MicroGen.Reference;

/// <summary>
/// The storage of one interpreter run: a byte array per non-constant tensor; constant tensors read
/// straight from the graph. Typed views are reinterpretations of the little-endian bytes.
/// </summary>
public sealed class TensorBuffers
{
    private readonly Graph _graph;
    private readonly byte[]?[] _data;

    public TensorBuffers(Graph graph, bool allocate = true)
    {
        _graph = graph;
        _data = new byte[]?[graph.Tensors.Length];
        if (!allocate)
        {
            return;
        }
        foreach (var tensor in graph.Tensors)
        {
            if (!tensor.IsConstant)
            {
                _data[tensor.Index] = new byte[checked((int)tensor.SizeInBytes)];
            }
        }
        ResetVariables();
    }

    /// <summary>Makes <paramref name="tensor"/> read and write <paramref name="bytes"/> (a patch-sized buffer in patch execution).</summary>
    public void Bind(int tensor, byte[] bytes) => _data[tensor] = bytes;

    public Graph Graph => _graph;

    /// <summary>Variable tensors start as TFLM resets them: int8 at their zero point, everything else at 0.</summary>
    public void ResetVariables()
    {
        foreach (var tensor in _graph.Tensors)
        {
            if (tensor.IsVariable && _data[tensor.Index] is { } bytes)
            {
                var value = tensor.Type == DataType.Int8 && tensor.Quantization is not null ? (byte)(sbyte)tensor.Quantization.ZeroPoint : (byte)0;
                bytes.AsSpan().Fill(value);
            }
        }
    }

    public ReadOnlySpan<byte> Bytes(int tensor) =>
        _data[tensor] is { } bytes ? bytes : _graph.Tensors[tensor].Data!.Span;

    public Span<byte> WritableBytes(int tensor) =>
        _data[tensor] ?? throw new InvalidOperationException($"tensor {tensor} '{_graph.Tensors[tensor].Name}' is constant");

    public ReadOnlySpan<T> Read<T>(int tensor) where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes(tensor));

    public Span<T> Write<T>(int tensor) where T : unmanaged => MemoryMarshal.Cast<byte, T>(WritableBytes(tensor));

    /// <summary>Read access for an optional input (index -1 gives an empty span).</summary>
    public ReadOnlySpan<T> ReadOptional<T>(int tensor) where T : unmanaged =>
        tensor < 0 ? ReadOnlySpan<T>.Empty : Read<T>(tensor);
}
