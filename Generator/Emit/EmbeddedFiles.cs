using System.Reflection;

namespace MicroGen.Emit;

/// <summary>
/// The files built into the tool: templates/, Runtime.C/ and boards/ (embedded at build time, so generation works from
/// any folder and from the packaged tool).
/// </summary>
public static class EmbeddedFiles
{
    private static Assembly Assembly => typeof(EmbeddedFiles).Assembly;

    /// <summary>Every embedded file whose path starts with <paramref name="prefix"/>, in ordinal path order.</summary>
    public static IEnumerable<(string Path, string Text)> Under(string prefix) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, Read(n)));

    public static string Read(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(path)
            ?? throw new InvalidOperationException($"embedded file {path} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static bool Exists(string path) => Assembly.GetManifestResourceInfo(path) is not null;
}
