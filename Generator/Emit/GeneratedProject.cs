using MicroGen.IO;

namespace MicroGen.Emit;

/// <summary>A self-contained C project for one model and board: the files, and what produced them.</summary>
public sealed record GeneratedProject(IReadOnlyList<GeneratedFile> Files, string OutputName)
{
    /// <summary>Writes every file under <paramref name="directory"/> (all or nothing), replacing earlier generated files.</summary>
    public void WriteTo(string directory) =>
        AtomicFiles.WriteAll(Files.Select(f => (Path.Combine(directory, f.Path), f.Content)));

    public GeneratedFile File(string path) => Files.First(f => f.Path == path);
}
