using System.Buffers.Binary;
using System.Text;

namespace MicroGen.Import.FlatBuffers;

/// <summary>
/// Writes a FlatBuffer back to front, as the format requires (offsets point forward): vectors and strings first,
/// then the tables that refer to them, then the root. Offsets handed out are distances from the buffer's end.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer = new byte[1024];
    private int _used;
    private int _maxAlignment = 1;
    private readonly List<(int Field, int Position)> _fields = [];
    private int _tableStart = -1;

    /// <summary>Bytes written so far (the offset of the most recent object).</summary>
    public int Offset => _used;

    private void Grow(int bytes)
    {
        while (_used + bytes > _buffer.Length)
        {
            var bigger = new byte[_buffer.Length * 2];
            Array.Copy(_buffer, _buffer.Length - _used, bigger, bigger.Length - _used, _used);
            _buffer = bigger;
        }
    }

    private Span<byte> Claim(int bytes)
    {
        Grow(bytes);
        _used += bytes;
        return _buffer.AsSpan(_buffer.Length - _used, bytes);
    }

    /// <summary>Pads so that after writing <paramref name="additional"/> bytes the position is aligned to <paramref name="size"/>.</summary>
    public void Align(int size, int additional = 0)
    {
        _maxAlignment = Math.Max(_maxAlignment, size);
        var padding = (size - (_used + additional) % size) % size;
        Claim(padding).Clear();
    }

    private void PutInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Claim(4), value);

    /// <summary>Writes a uoffset referring to <paramref name="target"/> at the current position.</summary>
    private void PutOffset(int target)
    {
        Align(4);
        PutInt32(_used + 4 - target);
    }

    public int CreateString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Align(4, bytes.Length + 1);
        Claim(1)[0] = 0;
        bytes.CopyTo(Claim(bytes.Length));
        PutInt32(bytes.Length);
        return _used;
    }

    /// <summary>A vector of raw little-endian elements, aligned to <paramref name="alignment"/>.</summary>
    public int CreateBytesVector(ReadOnlySpan<byte> elements, int elementSize, int alignment = 4)
    {
        Align(Math.Max(4, alignment), elements.Length);
        Align(4, elements.Length);
        elements.CopyTo(Claim(elements.Length));
        PutInt32(elements.Length / elementSize);
        return _used;
    }

    public int CreateInt32Vector(IReadOnlyList<int> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        }
        return CreateBytesVector(bytes, 4);
    }

    public int CreateInt64Vector(IReadOnlyList<long> values)
    {
        var bytes = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        return CreateBytesVector(bytes, 8, 8);
    }

    public int CreateFloatVector(IReadOnlyList<float> values)
    {
        var bytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }
        return CreateBytesVector(bytes, 4);
    }

    public int CreateOffsetVector(IReadOnlyList<int> offsets)
    {
        Align(4, offsets.Count * 4);
        for (var i = offsets.Count - 1; i >= 0; i--)
        {
            PutOffset(offsets[i]);
        }
        PutInt32(offsets.Count);
        return _used;
    }

    public void StartTable()
    {
        _fields.Clear();
        _tableStart = _used;
    }

    public void AddInt32(int field, int value, int defaultValue = 0)
    {
        if (value != defaultValue)
        {
            Align(4);
            PutInt32(value);
            _fields.Add((field, _used));
        }
    }

    public void AddUInt32(int field, uint value) => AddInt32(field, unchecked((int)value));

    public void AddInt64(int field, long value, long defaultValue = 0)
    {
        if (value != defaultValue)
        {
            Align(8);
            BinaryPrimitives.WriteInt64LittleEndian(Claim(8), value);
            _fields.Add((field, _used));
        }
    }

    public void AddFloat(int field, float value, float defaultValue = 0)
    {
        if (BitConverter.SingleToInt32Bits(value) != BitConverter.SingleToInt32Bits(defaultValue))
        {
            Align(4);
            BinaryPrimitives.WriteSingleLittleEndian(Claim(4), value);
            _fields.Add((field, _used));
        }
    }

    public void AddByte(int field, byte value, byte defaultValue = 0)
    {
        if (value != defaultValue)
        {
            Claim(1)[0] = value;
            _fields.Add((field, _used));
        }
    }

    public void AddBool(int field, bool value, bool defaultValue = false) =>
        AddByte(field, value ? (byte)1 : (byte)0, defaultValue ? (byte)1 : (byte)0);

    public void AddOffset(int field, int target)
    {
        PutOffset(target);
        _fields.Add((field, _used));
    }

    /// <summary>Writes the table's soffset and its own vtable (no vtable sharing: simple and valid).</summary>
    public int EndTable()
    {
        Align(4);
        PutInt32(0); // soffset to the vtable, patched below
        var table = _used;
        var fieldCount = _fields.Count == 0 ? 0 : _fields.Max(f => f.Field) + 1;
        var vtableSize = 4 + 2 * fieldCount;
        var vtable = new byte[vtableSize];
        BinaryPrimitives.WriteUInt16LittleEndian(vtable, (ushort)vtableSize);
        BinaryPrimitives.WriteUInt16LittleEndian(vtable.AsSpan(2), (ushort)(table - _tableStart));
        foreach (var (field, position) in _fields)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(vtable.AsSpan(4 + 2 * field), (ushort)(table - position));
        }
        Align(2, vtableSize);
        vtable.CopyTo(Claim(vtableSize));
        var vtableOffset = _used;
        // soffset = table position - vtable position; the vtable sits before the table in the final buffer.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), vtableOffset - table);
        _fields.Clear();
        return table;
    }

    public byte[] Finish(int root, string fileIdentifier)
    {
        Align(Math.Max(_maxAlignment, 8), 8);
        Encoding.ASCII.GetBytes(fileIdentifier).CopyTo(Claim(4));
        PutOffset(root);
        return _buffer.AsSpan(_buffer.Length - _used).ToArray();
    }
}
