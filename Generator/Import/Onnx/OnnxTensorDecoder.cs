using System.Buffers.Binary;
using MicroGen.Diagnostics;
using MicroGen.Ir;
using OnnxProto = Onnx;

namespace MicroGen.Import.Onnx;

/// <summary>Decodes a TensorProto (raw_data or typed fields) into an <see cref="OnnxConstant"/>, checking every size.</summary>
internal static class OnnxTensorDecoder
{
    /// <summary>Elements of one tensor MicroGen accepts (64 Mi: far above any microcontroller model).</summary>
    public const long MaxElements = 1L << 26;

    public static OnnxConstant Decode(OnnxProto.TensorProto tensor, string what, string source)
    {
        if (tensor.DataLocation == OnnxProto.TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            throw new UnsupportedModelException(
                $"{source}: {what}: its data is stored in an external file (external_data); MicroGen reads self-contained .onnx files only (save the model with all tensors inside it)");
        }
        if (tensor.Segment is not null)
        {
            throw new UnsupportedModelException($"{source}: {what}: segmented tensors are not supported");
        }
        var shape = new int[tensor.Dims.Count];
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            var d = tensor.Dims[i];
            if (d < 0 || d > MaxElements)
            {
                throw new ModelFormatException($"{source}: {what}: dimension {i} is {d}");
            }
            shape[i] = (int)d;
            count *= d;
            if (count > MaxElements)
            {
                throw new UnsupportedModelException($"{source}: {what}: more than {MaxElements} elements");
            }
        }
        var type = ElementType(tensor.DataType, what, source);
        var n = (int)count;
        var values = new double[n];
        if (tensor.HasRawData)
        {
            var raw = tensor.RawData.Span;
            var size = type.SizeInBytes();
            if (raw.Length != (long)n * size)
            {
                throw new ModelFormatException(
                    $"{source}: {what}: raw_data holds {raw.Length} bytes but {type.DisplayName()} {OnnxText.Shape(shape)} needs {(long)n * size}");
            }
            for (var i = 0; i < n; i++)
            {
                values[i] = type switch
                {
                    DataType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]),
                    DataType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]),
                    DataType.Int8 => (sbyte)raw[i],
                    DataType.UInt8 or DataType.Bool => raw[i],
                    DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]),
                    DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]),
                    _ => BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]),
                };
            }
        }
        else
        {
            switch (type)
            {
                case DataType.Float32:
                    Copy(tensor.FloatData, values, what, source, "float_data", v => v);
                    break;
                case DataType.Float64:
                    Copy(tensor.DoubleData, values, what, source, "double_data", v => v);
                    break;
                case DataType.Int64:
                    Copy(tensor.Int64Data, values, what, source, "int64_data", v => v);
                    break;
                default:
                    Copy(tensor.Int32Data, values, what, source, "int32_data", v => type switch
                    {
                        DataType.Int8 => (sbyte)v,
                        DataType.UInt8 => (byte)v,
                        DataType.Int16 => (short)v,
                        DataType.Bool => v != 0 ? 1 : 0,
                        _ => v,
                    });
                    break;
            }
        }
        if (type == DataType.Float64)
        {
            for (var i = 0; i < n; i++)
            {
                values[i] = (float)values[i];
            }
            type = DataType.Float32;
        }
        return new OnnxConstant(type, shape, values);
    }

    private static void Copy<T>(IReadOnlyList<T> field, double[] values, string what, string source, string fieldName, Func<T, double> convert)
    {
        if (field.Count != values.Length)
        {
            throw new ModelFormatException($"{source}: {what}: {fieldName} holds {field.Count} values but the shape needs {values.Length}");
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = convert(field[i]);
        }
    }

    /// <summary>The IR type of an ONNX element type code (TensorProto.DataType), for the types MicroGen computes with.</summary>
    public static DataType ElementType(int code, string what, string source) => code switch
    {
        1 => DataType.Float32,
        2 => DataType.UInt8,
        3 => DataType.Int8,
        5 => DataType.Int16,
        6 => DataType.Int32,
        7 => DataType.Int64,
        9 => DataType.Bool,
        11 => DataType.Float64,
        _ => throw new UnsupportedModelException($"{source}: {what}: element type {TypeName(code)} is not supported"),
    };

    public static string TypeName(int code) => code switch
    {
        0 => "UNDEFINED",
        1 => "FLOAT",
        2 => "UINT8",
        3 => "INT8",
        4 => "UINT16",
        5 => "INT16",
        6 => "INT32",
        7 => "INT64",
        8 => "STRING",
        9 => "BOOL",
        10 => "FLOAT16",
        11 => "DOUBLE",
        12 => "UINT32",
        13 => "UINT64",
        16 => "BFLOAT16",
        _ => $"code {code}",
    };
}
