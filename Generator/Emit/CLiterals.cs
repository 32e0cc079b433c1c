using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MicroGen.Ir;

namespace MicroGen.Emit;

/// <summary>Formats numbers as C literals: integers, exact float literals, and the element lists of constant arrays.</summary>
public static class CLiterals
{
    public static string CType(DataType type) => type switch
    {
        DataType.Int8 => "int8_t",
        DataType.UInt8 => "uint8_t",
        DataType.Int16 => "int16_t",
        DataType.UInt16 => "uint16_t",
        DataType.Int32 => "int32_t",
        DataType.Float32 => "float",
        DataType.Bool => "uint8_t",
        _ => throw new ArgumentException($"no C type for {type.DisplayName()}"),
    };

    /// <summary>A float literal that parses back to exactly the same float (shortest round-trip digits), without the suffix.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentException($"{value} has no C literal");
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>The elements of an array, 16 per line, indented.</summary>
    public static string Elements(DataType type, ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder();
        var count = data.Length / Math.Max(1, type.SizeInBytes());
        for (var i = 0; i < count; i++)
        {
            builder.Append(i % 16 == 0 ? (i == 0 ? "    " : "\n    ") : " ");
            builder.Append(type switch
            {
                DataType.Int8 => ((sbyte)data[i]).ToString(CultureInfo.InvariantCulture),
                DataType.UInt8 or DataType.Bool => data[i].ToString(CultureInfo.InvariantCulture),
                DataType.Int16 => MemoryMarshal.Read<short>(data[(2 * i)..]).ToString(CultureInfo.InvariantCulture),
                DataType.UInt16 => MemoryMarshal.Read<ushort>(data[(2 * i)..]).ToString(CultureInfo.InvariantCulture),
                DataType.Int32 => Int32(MemoryMarshal.Read<int>(data[(4 * i)..])),
                DataType.Float32 => Float(MemoryMarshal.Read<float>(data[(4 * i)..])) + "f",
                _ => throw new ArgumentException($"no C literal for {type.DisplayName()}"),
            });
            builder.Append(',');
        }
        return builder.ToString();
    }

    /// <summary>An int32 literal; INT32_MIN is written as an expression since 2147483648 alone is not an int.</summary>
    public static string Int32(int value) => value == int.MinValue ? "(-2147483647 - 1)" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C string literal body (escapes quotes, backslashes and non-printable bytes).</summary>
    public static string StringBody(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            builder.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\{Convert.ToString(b, 8).PadLeft(3, '0')}",
            });
        }
        return builder.ToString();
    }
}
