namespace MicroGen.IO;

/// <summary>Writes a set of files so that either all appear or none do (temporary files renamed at the end).</summary>
public static class AtomicFiles
{
    public static void WriteAll(IEnumerable<(string Path, byte[] Bytes)> files)
    {
        var staged = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, bytes) in files)
            {
                var full = Path.GetFullPath(path);
                var temp = full + ".tmp-" + Environment.ProcessId;
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(temp, bytes);
                staged.Add((temp, full));
            }
            foreach (var (temp, final) in staged)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        catch
        {
            foreach (var (temp, _) in staged)
            {
                File.Delete(temp);
            }
            throw;
        }
    }
}
