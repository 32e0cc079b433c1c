using Google.Protobuf;
using MicroGen.Diagnostics;
using MicroGen.Ir;
using OnnxProto = Onnx;

namespace MicroGen.Import.Onnx;

/// <summary>
/// Reads an ONNX model (opsets 13 to 21, float32, QDQ or QOperator quantized) into the IR: NCHW feature maps
/// become NHWC once, here; uint8 tensors become int8 with zero points and data shifted by -128; quantized operators
/// follow TFLite's conventions. Every problem is one line naming the file, node and tensor. No protobuf object
/// leaves this namespace.
/// </summary>
public static class OnnxImporter
{
    public const int MinOpset = 13;
    public const int MaxOpset = 21;

    /// <summary>
    /// Whether <paramref name="source"/> should be read as ONNX: a .onnx name, or (for names other than .tflite)
    /// content that does not carry TFLite's "TFL3" file identifier at byte 4.
    /// </summary>
    public static bool Handles(ReadOnlySpan<byte> bytes, string source)
    {
        if (source.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (source.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return !(bytes.Length >= 8 && bytes[4] == (byte)'T' && bytes[5] == (byte)'F' && bytes[6] == (byte)'L' && bytes[7] == (byte)'3');
    }

    public static Graph Import(byte[] bytes, string source)
    {
        OnnxProto.ModelProto model;
        try
        {
            model = OnnxProto.ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException($"{source}: not a readable ONNX model: {OnnxText.OneLine(e.Message)}");
        }
        if (model.Graph is null)
        {
            throw new ModelFormatException($"{source}: the ONNX model has no graph (is this an ONNX file?)");
        }
        if (model.IrVersion < 3)
        {
            throw new ModelFormatException($"{source}: ONNX ir_version {model.IrVersion} is not supported (3 or later is needed)");
        }
        var opset = OnnxOpsets.Read(model, source);
        return new OnnxGraphConverter(source, model.Graph, opset).Convert();
    }
}
