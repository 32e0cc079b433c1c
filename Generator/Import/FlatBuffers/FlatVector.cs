using System.Text;

namespace MicroGen.Import.FlatBuffers;

/// <summary>A FlatBuffer vector whose whole extent was checked to lie inside the file.</summary>
internal readonly struct FlatVector
{
    private readonly FlatBufferFile _file;
    private readonly int _start;
    private readonly int _elementSize;

    private FlatVector(FlatBufferFile file, int start, int count, int elementSize, string what)
    {
        _file = file;
        _start = start;
        Count = count;
        _elementSize = elementSize;
        What = what;
    }

    public int Count { get; }

    public string What { get; }

    public int Start => _start;

    public static FlatVector At(FlatBufferFile file, int position, int elementSize, string what)
    {
        var count = file.U32(position, what + " length");
        var bytes = (long)count * elementSize;
        if (position + 4L + bytes > file.Length)
        {
            throw file.Error(position, what,
                $"vector of {count} elements ({elementSize} bytes each) runs past the end of the file ({file.Length} bytes)");
        }
        return new FlatVector(file, position + 4, (int)count, elementSize, what);
    }

    private long ElementOffset(int index) => _start + (long)index * _elementSize;

    public int I32(int index) => _file.I32(ElementOffset(index), $"{What}[{index}]");

    public long I64(int index) => _file.I64(ElementOffset(index), $"{What}[{index}]");

    public float F32(int index) => _file.F32(ElementOffset(index), $"{What}[{index}]");

    public bool Bool(int index) => _file.U8(ElementOffset(index), $"{What}[{index}]") != 0;

    public FlatTable Table(int index, string what) =>
        FlatTable.At(_file, _file.Follow(ElementOffset(index), what), what);

    public ReadOnlySpan<byte> Bytes() => _file.Slice(_start, Count * _elementSize, What);

    public string AsString() => Encoding.UTF8.GetString(Bytes());

    public int[] ToInt32Array()
    {
        var result = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = I32(i);
        }
        return result;
    }
}
