using MicroGen.Diagnostics;
using MicroGen.Import.Tflite;
using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Import;

/// <summary>Reads a model file of any supported format into a validated graph.</summary>
public static class ModelLoader
{
    public static Graph Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{path}: cannot read the model: {e.Message}");
        }
        return Load(bytes, path);
    }

    public static Graph Load(byte[] bytes, string source)
    {
        var graph = Onnx.OnnxImporter.Handles(bytes, source) ? Onnx.OnnxImporter.Import(bytes, source) : TfliteImporter.Import(bytes, source);
        try
        {
            GraphValidator.Validate(graph);
        }
        catch (UnsupportedModelException e)
        {
            throw new UnsupportedModelException($"{source}: {e.Message}");
        }
        return graph;
    }
}
