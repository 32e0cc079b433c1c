using System.Buffers.Binary;
using System.Text;
using MicroGen.Diagnostics;

namespace MicroGen.Import.FlatBuffers;

/// <summary>
/// A FlatBuffer held in memory, read with a bounds check on every access. Every failure is a
/// <see cref="ModelFormatException"/> naming the file, the byte offset and what was being read.
/// </summary>
internal readonly struct FlatBufferFile
{
    private readonly ReadOnlyMemory<byte> _bytes;

    public FlatBufferFile(ReadOnlyMemory<byte> bytes, string source)
    {
        _bytes = bytes;
        Source = source;
    }

    public string Source { get; }

    public int Length => _bytes.Length;

    public ReadOnlySpan<byte> Span => _bytes.Span;

    public ModelFormatException Error(long offset, string what, string problem) =>
        new($"{Source}: byte {offset}: {what}: {problem}");

    public void Require(long offset, long size, string what)
    {
        if (offset < 0 || size < 0 || offset + size > _bytes.Length)
        {
            throw Error(offset, what, $"needs {size} bytes but the file has {_bytes.Length} bytes");
        }
    }

    public byte U8(long offset, string what)
    {
        Require(offset, 1, what);
        return _bytes.Span[(int)offset];
    }

    public ushort U16(long offset, string what)
    {
        Require(offset, 2, what);
        return BinaryPrimitives.ReadUInt16LittleEndian(_bytes.Span[(int)offset..]);
    }

    public int I32(long offset, string what)
    {
        Require(offset, 4, what);
        return BinaryPrimitives.ReadInt32LittleEndian(_bytes.Span[(int)offset..]);
    }

    public uint U32(long offset, string what) => unchecked((uint)I32(offset, what));

    public long I64(long offset, string what)
    {
        Require(offset, 8, what);
        return BinaryPrimitives.ReadInt64LittleEndian(_bytes.Span[(int)offset..]);
    }

    public float F32(long offset, string what) => BitConverter.Int32BitsToSingle(I32(offset, what));

    /// <summary>Follows the unsigned offset stored at <paramref name="offset"/> (relative to itself).</summary>
    public int Follow(long offset, string what)
    {
        var target = offset + U32(offset, what);
        if (target >= _bytes.Length)
        {
            throw Error(offset, what, $"points to byte {target}, past the end of the file ({_bytes.Length} bytes)");
        }
        return (int)target;
    }

    public FlatTable Root(string what)
    {
        return FlatTable.At(this, Follow(0, what), what);
    }

    public string FileIdentifier()
    {
        Require(4, 4, "file identifier");
        return Encoding.ASCII.GetString(_bytes.Span.Slice(4, 4));
    }

    public ReadOnlySpan<byte> Slice(int offset, int length, string what)
    {
        Require(offset, length, what);
        return _bytes.Span.Slice(offset, length);
    }
}
