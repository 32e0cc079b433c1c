namespace MicroGen.Ir;

public static class DataTypeExtensions
{
    /// <summary>Bytes per element, or 0 when the type has no fixed size that MicroGen can compute with.</summary>
    public static int SizeInBytes(this DataType type) => type switch
    {
        DataType.Float32 or DataType.Int32 or DataType.UInt32 => 4,
        DataType.Int8 or DataType.UInt8 or DataType.Bool => 1,
        DataType.Int16 or DataType.UInt16 or DataType.Float16 => 2,
        DataType.Int64 or DataType.UInt64 or DataType.Float64 or DataType.Complex64 => 8,
        _ => 0,
    };

    /// <summary>The lower-case name used in messages, reports and .npy descriptors.</summary>
    public static string DisplayName(this DataType type) => type switch
    {
        DataType.Float32 => "float32",
        DataType.Float16 => "float16",
        DataType.Int32 => "int32",
        DataType.UInt8 => "uint8",
        DataType.Int64 => "int64",
        DataType.String => "string",
        DataType.Bool => "bool",
        DataType.Int16 => "int16",
        DataType.Complex64 => "complex64",
        DataType.Int8 => "int8",
        DataType.Float64 => "float64",
        DataType.UInt64 => "uint64",
        DataType.UInt32 => "uint32",
        DataType.UInt16 => "uint16",
        DataType.Int4 => "int4",
        _ => "unknown",
    };
}
