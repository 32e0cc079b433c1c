using System.Runtime.InteropServices;
using MicroGen.Ir;

namespace MicroGen.Emit;

/// <summary>
/// Constant data the firmware keeps in flash: a constant tensor (keyed by tensor index, so it is emitted once) or a
/// per-layer table. Equality is by key and content.
/// </summary>
public sealed record ConstantArray(string Key, DataType ElementType, ConstantBuffer Data)
{
    public int Count => Data.Length / Math.Max(1, ElementType.SizeInBytes());

    public static ConstantArray ForTensor(Tensor tensor) =>
        new($"t{tensor.Index}", tensor.Type, tensor.Data ?? throw new ArgumentException($"tensor '{tensor.Name}' is not constant"));

    public static ConstantArray Int32(string key, int[] values) =>
        new(key, DataType.Int32, new ConstantBuffer(MemoryMarshal.AsBytes(values.AsSpan())));

    public static ConstantArray Int8(string key, sbyte[] values) =>
        new(key, DataType.Int8, new ConstantBuffer(MemoryMarshal.AsBytes(values.AsSpan())));

    public static ConstantArray Int16(string key, short[] values) =>
        new(key, DataType.Int16, new ConstantBuffer(MemoryMarshal.AsBytes(values.AsSpan())));

    public static ConstantArray UInt16(string key, ushort[] values) =>
        new(key, DataType.UInt16, new ConstantBuffer(MemoryMarshal.AsBytes(values.AsSpan())));

    public static ConstantArray Float32(string key, float[] values) =>
        new(key, DataType.Float32, new ConstantBuffer(MemoryMarshal.AsBytes(values.AsSpan())));
}
