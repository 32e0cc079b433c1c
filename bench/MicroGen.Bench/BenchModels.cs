using MicroGen.Pipeline;

namespace MicroGen.Bench;

/// <summary>The models a benchmark runs on: --models DIR, else the shared models folder.</summary>
internal static class BenchModels
{
    public static string[] Find(string[] args)
    {
        var at = Array.IndexOf(args, "--models");
        var folder = at >= 0 && at + 1 < args.Length ? args[at + 1] : ModelsFolder.Locate();
        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException("no models folder: pass --models DIR or set MICROGEN_MODELS");
        }
        return Directory.GetFiles(folder, "*.tflite").Order(StringComparer.Ordinal).ToArray();
    }
}
