using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.IO;

/// <summary>A NumPy .npy array: element type, shape and raw little-endian C-order bytes.</summary>
public sealed partial record NpyArray(DataType Type, EquatableArray<int> Shape, byte[] Data)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public string ShapeText => "(" + string.Join(", ", Shape) + (Shape.Length == 1 ? ",)" : ")");

    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot read: {e.Message}");
        }
        return Parse(bytes, path);
    }

    public static NpyArray Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new UserErrorException($"{source}: byte 0: not a NumPy .npy file (magic \\x93NUMPY missing)");
        }
        var major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BitConverter.ToUInt16(bytes, 8);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new UserErrorException($"{source}: byte 8: truncated .npy header");
            }
            headerLength = (int)Math.Min(BitConverter.ToUInt32(bytes, 8), int.MaxValue);
            headerStart = 12;
        }
        else
        {
            throw new UserErrorException($"{source}: byte 6: .npy format version {major} is not supported");
        }
        if (headerStart + (long)headerLength > bytes.Length)
        {
            throw new UserErrorException($"{source}: byte {headerStart}: .npy header of {headerLength} bytes runs past the end of the file");
        }
        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new UserErrorException($"{source}: byte {headerStart}: .npy header is not understood: {header.Trim()}");
        }
        if (fortran.Groups[1].Value == "True")
        {
            throw new UserErrorException($"{source}: Fortran-order arrays are not supported; save with numpy's default C order");
        }
        var type = TypeOf(descr.Groups[1].Value, source);
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : throw new UserErrorException($"{source}: .npy shape entry '{s}' is not a dimension"))
            .ToArray();
        long elements = 1;
        foreach (var d in dims)
        {
            elements *= d;
        }
        var dataStart = headerStart + headerLength;
        var expected = elements * type.SizeInBytes();
        if (bytes.Length - dataStart != expected)
        {
            throw new UserErrorException($"{source}: .npy data holds {bytes.Length - dataStart} bytes but {type.DisplayName()} shape ({string.Join(", ", dims)}) needs {expected}");
        }
        return new NpyArray(type, dims, bytes.AsSpan(dataStart).ToArray());
    }

    public byte[] ToBytes()
    {
        var shapeText = Shape.Length == 1 ? $"({Shape[0]},)" : "(" + string.Join(", ", Shape) + ")";
        var dict = $"{{'descr': '{DescrOf(Type)}', 'fortran_order': False, 'shape': {shapeText}, }}";
        var unpadded = 10 + dict.Length + 1;
        var padding = (64 - unpadded % 64) % 64;
        var header = dict + new string(' ', padding) + "\n";
        using var stream = new MemoryStream();
        stream.Write(Magic);
        stream.WriteByte(1);
        stream.WriteByte(0);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.Latin1.GetBytes(header));
        stream.Write(Data);
        return stream.ToArray();
    }

    public void Write(string path) => File.WriteAllBytes(path, ToBytes());

    private static string DescrOf(DataType type) => type switch
    {
        DataType.Int8 => "|i1",
        DataType.UInt8 => "|u1",
        DataType.Int16 => "<i2",
        DataType.Int32 => "<i4",
        DataType.Int64 => "<i8",
        DataType.Float32 => "<f4",
        DataType.Bool => "|b1",
        _ => throw new UserErrorException($"type {type.DisplayName()} cannot be written to .npy"),
    };

    private static DataType TypeOf(string descr, string source) => descr switch
    {
        "|i1" or "<i1" or "i1" => DataType.Int8,
        "|u1" or "<u1" or "u1" => DataType.UInt8,
        "<i2" => DataType.Int16,
        "<i4" => DataType.Int32,
        "<i8" => DataType.Int64,
        "<f4" => DataType.Float32,
        "|b1" => DataType.Bool,
        _ => throw new UserErrorException($"{source}: .npy dtype '{descr}' is not supported (use little-endian int8, uint8, int16, int32 or float32)"),
    };

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
