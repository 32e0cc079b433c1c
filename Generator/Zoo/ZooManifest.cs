using System.Text.Json;
using MicroGen.Diagnostics;
using MicroGen.Emit;

namespace MicroGen.Zoo;

/// <summary>The model zoo manifest: built into the tool (Generator/Zoo/zoo.json), or a file named by --manifest.</summary>
public sealed record ZooManifest(IReadOnlyList<ZooEntry> Models)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static ZooManifest Load(string? path = null)
    {
        var text = path is null ? EmbeddedFiles.Read("zoo/zoo.json") : File.Exists(path) ? File.ReadAllText(path)
            : throw new UserErrorException($"--manifest {path}: no such file");
        try
        {
            return JsonSerializer.Deserialize<ZooManifest>(text, Json) ?? throw new UserErrorException($"{path ?? "zoo.json"}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"{path ?? "zoo.json"}: not a zoo manifest: {e.Message.Split('.')[0]}");
        }
    }

    public ZooEntry Get(string name) => Models.FirstOrDefault(m => m.Name == name || m.Name + ".tflite" == name)
        ?? throw new UserErrorException($"no model '{name}' in the zoo (see `microgen zoo list`)");
}
