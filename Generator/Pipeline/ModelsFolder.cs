namespace MicroGen.Pipeline;

/// <summary>
/// The shared models folder: MICROGEN_MODELS when set, else a `shared/models` folder beside the repository (found by
/// walking up from the current folder and from the tool's own folder).
/// </summary>
public static class ModelsFolder
{
    public static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("MICROGEN_MODELS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "models");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
