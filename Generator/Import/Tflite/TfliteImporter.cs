using MicroGen.Diagnostics;
using MicroGen.Import.FlatBuffers;
using MicroGen.Ir;

namespace MicroGen.Import.Tflite;

/// <summary>
/// Reads a TFLite flatbuffer (schema version 3) into the IR. Every offset, length and index is checked;
/// a bad file is a <see cref="ModelFormatException"/> naming the byte offset, operator or tensor.
/// No flatbuffer object leaves this class.
/// </summary>
public static class TfliteImporter
{
    // Field numbers in schema.fbs (a union takes two: its type tag, then its value).
    private const int ModelVersion = 0, ModelOperatorCodes = 1, ModelSubgraphs = 2, ModelBuffers = 4;
    private const int CodeDeprecatedBuiltin = 0, CodeCustom = 1, CodeBuiltin = 3;
    private const int SubgraphTensors = 0, SubgraphInputs = 1, SubgraphOutputs = 2, SubgraphOperators = 3, SubgraphName = 4;
    private const int TensorShape = 0, TensorType = 1, TensorBuffer = 2, TensorName = 3, TensorQuantization = 4,
        TensorIsVariable = 5, TensorSparsity = 6;
    private const int QuantScale = 2, QuantZeroPoint = 3, QuantDetailsType = 4, QuantDimension = 6;
    private const int OpOpcodeIndex = 0, OpInputs = 1, OpOutputs = 2, OpOptionsType = 3, OpOptions = 4, OpIntermediates = 8;
    private const int BufferData = 0, BufferOffset = 1, BufferSize = 2;
    private const int CustomCode = 32;

    private readonly record struct OperatorCode(int Builtin, string? CustomName);

    public static Graph Import(ReadOnlyMemory<byte> bytes, string source)
    {
        var file = new FlatBufferFile(bytes, source);
        if (file.Length < 8)
        {
            throw new ModelFormatException($"{source}: byte 0: file of {file.Length} bytes is too short to be a TFLite model");
        }
        var identifier = file.FileIdentifier();
        if (identifier != "TFL3")
        {
            throw new ModelFormatException(
                $"{source}: byte 4: file identifier is \"{Printable(identifier)}\", expected \"TFL3\" (not a TFLite model)");
        }
        var model = file.Root("model");
        var version = model.U32(ModelVersion, name: "version");
        if (version != 3)
        {
            throw new ModelFormatException($"{source}: model schema version {version} is not supported (expected 3)");
        }
        var codes = ReadOperatorCodes(model);
        var subgraphs = model.Vector(ModelSubgraphs, 4, "model.subgraphs");
        if (subgraphs is null || subgraphs.Value.Count == 0)
        {
            throw new ModelFormatException($"{source}: the model has no subgraph");
        }
        var buffers = model.Vector(ModelBuffers, 4, "model.buffers");
        var subgraph = subgraphs.Value.Table(0, "subgraph 0");
        var tensors = ReadTensors(file, subgraph, buffers);
        var operators = ReadOperators(file, subgraph, codes, tensors.Length);
        var inputs = ReadIndexList(file, subgraph, SubgraphInputs, "subgraph inputs", tensors.Length);
        var outputs = ReadIndexList(file, subgraph, SubgraphOutputs, "subgraph outputs", tensors.Length);
        var name = subgraph.String(SubgraphName, "subgraph name") ?? "";
        return new Graph(name, tensors, operators, inputs, outputs);
    }

    private static OperatorCode[] ReadOperatorCodes(FlatTable model)
    {
        var vector = model.Vector(ModelOperatorCodes, 4, "model.operator_codes");
        if (vector is null)
        {
            return [];
        }
        var codes = new OperatorCode[vector.Value.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = vector.Value.Table(i, $"operator_codes[{i}]");
            var deprecated = code.I8(CodeDeprecatedBuiltin, name: "deprecated_builtin_code");
            var builtin = Math.Max(code.I32(CodeBuiltin, name: "builtin_code"), deprecated);
            var custom = builtin == CustomCode ? code.String(CodeCustom, $"operator_codes[{i}].custom_code") ?? "" : null;
            codes[i] = new OperatorCode(builtin, custom);
        }
        return codes;
    }

    private static Tensor[] ReadTensors(FlatBufferFile file, FlatTable subgraph, FlatVector? buffers)
    {
        var vector = subgraph.Vector(SubgraphTensors, 4, "subgraph.tensors");
        if (vector is null)
        {
            return [];
        }
        var tensors = new Tensor[vector.Value.Count];
        for (var i = 0; i < tensors.Length; i++)
        {
            var t = vector.Value.Table(i, $"tensor {i}");
            var name = t.String(TensorName, $"tensor {i} name") ?? $"tensor_{i}";
            var what = $"tensor {i} '{name}'";
            var shape = t.Vector(TensorShape, 4, what + " shape")?.ToInt32Array() ?? [];
            foreach (var d in shape)
            {
                if (d < 0)
                {
                    throw new ModelFormatException($"{file.Source}: {what}: shape [{string.Join(",", shape)}] has a negative (dynamic) dimension");
                }
            }
            var type = DataTypeOf(t.U8(TensorType, name: "type"));
            if (t.Has(TensorSparsity))
            {
                throw new UnsupportedModelException($"{file.Source}: {what}: sparse tensors are not supported");
            }
            var quantization = ReadQuantization(file, t, what, shape);
            var data = ReadData(file, t, buffers, what, type, shape);
            var isVariable = t.Bool(TensorIsVariable, name: "is_variable");
            tensors[i] = new Tensor(i, name, type, shape, quantization, data, isVariable);
        }
        return tensors;
    }

    private static Quantization? ReadQuantization(FlatBufferFile file, FlatTable tensor, string what, int[] shape)
    {
        var q = tensor.Table(TensorQuantization, what + " quantization");
        if (q is null)
        {
            return null;
        }
        if (q.Value.U8(QuantDetailsType) != 0)
        {
            throw new UnsupportedModelException($"{file.Source}: {what}: custom or blockwise quantization details are not supported");
        }
        var scales = q.Value.Vector(QuantScale, 4, what + " quantization scale");
        if (scales is null || scales.Value.Count == 0)
        {
            return null;
        }
        var zeroPoints = q.Value.Vector(QuantZeroPoint, 8, what + " quantization zero_point");
        var count = scales.Value.Count;
        if (zeroPoints is not null && zeroPoints.Value.Count != count)
        {
            throw new ModelFormatException(
                $"{file.Source}: {what}: {count} quantization scales but {zeroPoints.Value.Count} zero points");
        }
        var axis = q.Value.I32(QuantDimension, name: "quantized_dimension");
        if (count > 1 && shape.Length == 1 && shape[0] == count)
        {
            // Converters write biases with the filter's quantized_dimension; a vector has only axis 0.
            axis = 0;
        }
        if (count > 1 && (axis < 0 || axis >= shape.Length || shape[axis] != count))
        {
            throw new ModelFormatException(
                $"{file.Source}: {what}: {count} per-channel scales along axis {axis} do not match shape [{string.Join(",", shape)}]");
        }
        var scaleValues = new float[count];
        var zeroValues = new long[count];
        for (var c = 0; c < count; c++)
        {
            scaleValues[c] = scales.Value.F32(c);
            zeroValues[c] = zeroPoints?.I64(c) ?? 0;
        }
        return new Quantization(scaleValues, zeroValues, count > 1 ? axis : 0);
    }

    private static ConstantBuffer? ReadData(FlatBufferFile file, FlatTable tensor, FlatVector? buffers, string what, DataType type, int[] shape)
    {
        var index = tensor.U32(TensorBuffer, name: "buffer");
        if (index == 0)
        {
            return null;
        }
        if (buffers is null || index >= buffers.Value.Count)
        {
            throw new ModelFormatException(
                $"{file.Source}: {what}: buffer index {index} is out of range (the model has {buffers?.Count ?? 0} buffers)");
        }
        var buffer = buffers.Value.Table((int)index, $"buffer {index}");
        ReadOnlySpan<byte> bytes;
        var external = buffer.I64(BufferOffset);
        if (external > 1)
        {
            var size = buffer.I64(BufferSize);
            if (external > file.Length || size < 0 || size > file.Length - external)
            {
                throw new ModelFormatException(
                    $"{file.Source}: {what}: buffer {index} at byte {external} with {size} bytes lies outside the file ({file.Length} bytes)");
            }
            bytes = file.Slice((int)external, (int)size, $"buffer {index} (stored after the flatbuffer)");
        }
        else
        {
            var data = buffer.Vector(BufferData, 1, $"buffer {index} data");
            if (data is null || data.Value.Count == 0)
            {
                return null;
            }
            bytes = data.Value.Bytes();
        }
        var elementSize = type.SizeInBytes();
        long elements = 1;
        foreach (var d in shape)
        {
            elements *= d;
        }
        if (elementSize > 0 && elements * elementSize != bytes.Length)
        {
            throw new ModelFormatException(
                $"{file.Source}: {what}: buffer {index} holds {bytes.Length} bytes but {type.DisplayName()} [{string.Join("x", shape)}] needs {elements * elementSize}");
        }
        return new ConstantBuffer(bytes);
    }

    private static Operator[] ReadOperators(FlatBufferFile file, FlatTable subgraph, OperatorCode[] codes, int tensorCount)
    {
        var vector = subgraph.Vector(SubgraphOperators, 4, "subgraph.operators");
        if (vector is null)
        {
            return [];
        }
        var operators = new Operator[vector.Value.Count];
        for (var i = 0; i < operators.Length; i++)
        {
            var op = vector.Value.Table(i, $"operator {i}");
            var opcodeIndex = op.U32(OpOpcodeIndex, name: "opcode_index");
            if (opcodeIndex >= codes.Length)
            {
                throw new ModelFormatException(
                    $"{file.Source}: operator {i}: opcode_index {opcodeIndex} is out of range (the model has {codes.Length} operator codes)");
            }
            var code = codes[opcodeIndex];
            if (code.CustomName is not null)
            {
                throw new UnsupportedModelException($"{file.Source}: operator {i}: custom operator '{code.CustomName}' is not supported");
            }
            if (!TfliteOperatorCodes.TryGet(code.Builtin, out var kind, out var optionsTag))
            {
                throw new UnsupportedModelException(
                    $"{file.Source}: operator {i}: operator {TfliteBuiltinNames.NameOf(code.Builtin)} (builtin code {code.Builtin}) is not supported");
            }
            var what = $"operator {i} ({kind.DisplayName()})";
            var inputs = ReadIndices(file, op, OpInputs, what + " inputs", tensorCount, allowAbsent: true);
            var outputs = ReadIndices(file, op, OpOutputs, what + " outputs", tensorCount, allowAbsent: false);
            var intermediates = ReadIndices(file, op, OpIntermediates, what + " intermediates", tensorCount, allowAbsent: false);
            var tag = op.U8(OpOptionsType, name: "builtin_options_type");
            if (tag != 0 && tag != optionsTag)
            {
                throw new ModelFormatException($"{file.Source}: {what}: builtin options of union type {tag}, expected {optionsTag}");
            }
            var optionsTable = tag == 0 ? null : op.Table(OpOptions, what + " builtin_options");
            var options = TfliteOptionsDecoder.Decode(kind, optionsTable,
                message => new UnsupportedModelException($"{file.Source}: {what}: {message}"));
            operators[i] = new Operator(i, kind, inputs, outputs, options, intermediates);
        }
        return operators;
    }

    private static int[] ReadIndices(FlatBufferFile file, FlatTable table, int field, string what, int tensorCount, bool allowAbsent)
    {
        var indices = table.Vector(field, 4, what)?.ToInt32Array() ?? [];
        foreach (var index in indices)
        {
            if (index >= tensorCount || index < (allowAbsent ? -1 : 0))
            {
                throw new ModelFormatException($"{file.Source}: {what}: tensor index {index} is out of range (the subgraph has {tensorCount} tensors)");
            }
        }
        return indices;
    }

    private static int[] ReadIndexList(FlatBufferFile file, FlatTable subgraph, int field, string what, int tensorCount) =>
        ReadIndices(file, subgraph, field, what, tensorCount, allowAbsent: false);

    private static DataType DataTypeOf(byte code) => code switch
    {
        0 => DataType.Float32,
        1 => DataType.Float16,
        2 => DataType.Int32,
        3 => DataType.UInt8,
        4 => DataType.Int64,
        5 => DataType.String,
        6 => DataType.Bool,
        7 => DataType.Int16,
        8 => DataType.Complex64,
        9 => DataType.Int8,
        10 => DataType.Float64,
        12 => DataType.UInt64,
        15 => DataType.UInt32,
        16 => DataType.UInt16,
        17 => DataType.Int4,
        _ => DataType.Other,
    };

    private static string Printable(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
