namespace MicroGen.Import.FlatBuffers;

/// <summary>A FlatBuffer table: fields are found through its vtable; absent fields take their default.</summary>
internal readonly struct FlatTable
{
    private readonly FlatBufferFile _file;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableSize;

    private FlatTable(FlatBufferFile file, int position, int vtable, int vtableSize, string what)
    {
        _file = file;
        _position = position;
        _vtable = vtable;
        _vtableSize = vtableSize;
        What = what;
    }

    public string What { get; }

    public int Position => _position;

    public FlatBufferFile File => _file;

    public static FlatTable At(FlatBufferFile file, int position, string what)
    {
        var vtable = (long)position - file.I32(position, what + " vtable offset");
        if (vtable < 0 || vtable >= file.Length)
        {
            throw file.Error(position, what, $"vtable at byte {vtable} is outside the file");
        }
        var vtableSize = file.U16(vtable, what + " vtable size");
        if (vtableSize < 4 || vtableSize % 2 != 0)
        {
            throw file.Error(vtable, what, $"vtable size {vtableSize} is invalid");
        }
        file.Require(vtable, vtableSize, what + " vtable");
        var tableSize = file.U16(vtable + 2, what + " table size");
        file.Require(position, tableSize, what);
        return new FlatTable(file, position, (int)vtable, vtableSize, what);
    }

    /// <summary>The absolute byte offset of field <paramref name="field"/>, or -1 when absent.</summary>
    public int FieldOffset(int field)
    {
        var entry = 4 + 2 * field;
        if (entry + 2 > _vtableSize)
        {
            return -1;
        }
        var relative = _file.U16(_vtable + entry, What + " vtable entry");
        return relative == 0 ? -1 : _position + relative;
    }

    public bool Has(int field) => FieldOffset(field) >= 0;

    public byte U8(int field, byte defaultValue = 0, string? name = null)
    {
        var at = FieldOffset(field);
        return at < 0 ? defaultValue : _file.U8(at, Name(name, field));
    }

    public bool Bool(int field, bool defaultValue = false, string? name = null) =>
        U8(field, defaultValue ? (byte)1 : (byte)0, name) != 0;

    public sbyte I8(int field, sbyte defaultValue = 0, string? name = null) => unchecked((sbyte)U8(field, (byte)defaultValue, name));

    public int I32(int field, int defaultValue = 0, string? name = null)
    {
        var at = FieldOffset(field);
        return at < 0 ? defaultValue : _file.I32(at, Name(name, field));
    }

    public uint U32(int field, uint defaultValue = 0, string? name = null)
    {
        var at = FieldOffset(field);
        return at < 0 ? defaultValue : _file.U32(at, Name(name, field));
    }

    public long I64(int field, long defaultValue = 0, string? name = null)
    {
        var at = FieldOffset(field);
        return at < 0 ? defaultValue : _file.I64(at, Name(name, field));
    }

    public float F32(int field, float defaultValue = 0, string? name = null)
    {
        var at = FieldOffset(field);
        return at < 0 ? defaultValue : _file.F32(at, Name(name, field));
    }

    public FlatTable? Table(int field, string name)
    {
        var at = FieldOffset(field);
        return at < 0 ? null : At(_file, _file.Follow(at, name), name);
    }

    public FlatVector? Vector(int field, int elementSize, string name)
    {
        var at = FieldOffset(field);
        return at < 0 ? null : FlatVector.At(_file, _file.Follow(at, name), elementSize, name);
    }

    public string? String(int field, string name)
    {
        var vector = Vector(field, 1, name);
        return vector?.AsString();
    }

    private string Name(string? name, int field) => name is null ? $"{What} field {field}" : $"{What}.{name}";
}
