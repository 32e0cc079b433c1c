namespace MicroGen.Ir;

/// <summary>Element types the IR knows. Only some are computable; the rest are named in errors.</summary>
public enum DataType
{
    Float32,
    Float16,
    Int32,
    UInt8,
    Int64,
    String,
    Bool,
    Int16,
    Complex64,
    Int8,
    Float64,
    UInt64,
    UInt32,
    UInt16,
    Int4,
    Other,
}
