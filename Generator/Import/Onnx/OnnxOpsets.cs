using MicroGen.Diagnostics;
using OnnxProto = Onnx;

namespace MicroGen.Import.Onnx;

/// <summary>The operator set versions a model imports: the default ONNX domain and Microsoft's contrib domain.</summary>
internal sealed record OnnxOpsets(int Default, int Microsoft)
{
    public const string MicrosoftDomain = "com.microsoft";

    public static OnnxOpsets Read(OnnxProto.ModelProto model, string source)
    {
        long? standard = null;
        long microsoft = 0;
        foreach (var entry in model.OpsetImport)
        {
            var domain = entry.Domain ?? "";
            if (domain is "" or "ai.onnx")
            {
                standard = entry.Version;
            }
            else if (domain == MicrosoftDomain)
            {
                microsoft = entry.Version;
            }
        }
        if (standard is null)
        {
            throw new ModelFormatException($"{source}: the model imports no opset of the default ONNX domain");
        }
        if (standard < OnnxImporter.MinOpset || standard > OnnxImporter.MaxOpset)
        {
            throw new UnsupportedModelException(
                $"{source}: ONNX opset {standard} is not supported (MicroGen reads opsets {OnnxImporter.MinOpset} to {OnnxImporter.MaxOpset}; convert the model with onnx.version_converter)");
        }
        return new OnnxOpsets((int)standard.Value, (int)Math.Clamp(microsoft, 0, int.MaxValue));
    }
}
