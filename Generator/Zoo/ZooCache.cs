using System.Security.Cryptography;
using MicroGen.Diagnostics;

namespace MicroGen.Zoo;

/// <summary>
/// Fetches zoo models into a cache folder: a cached file with the right sha256 is used as is (no network); a download is
/// checked against the manifest's sha256 before it is kept, and a mismatch is refused (nothing is left behind).
/// </summary>
public sealed class ZooCache(string folder, HttpMessageHandler? handler = null)
{
    public string Folder { get; } = folder;

    /// <summary>MICROGEN_ZOO_CACHE, else ~/.cache/microgen/zoo.</summary>
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable("MICROGEN_ZOO_CACHE") is { Length: > 0 } configured ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "microgen", "zoo");

    public string PathOf(ZooEntry entry) => Path.Combine(Folder, entry.Name + ".tflite");

    /// <summary>The model's path in the cache, downloading it first when it is not there. Returns whether it was downloaded.</summary>
    public (string Path, bool Downloaded) Pull(ZooEntry entry)
    {
        var path = PathOf(entry);
        if (File.Exists(path))
        {
            var cached = Sha256Of(File.ReadAllBytes(path));
            if (cached != entry.Sha256)
            {
                throw new UserErrorException($"{path}: cached file has sha256 {cached}, the manifest says {entry.Sha256}; delete it to download again");
            }
            return (path, false);
        }
        byte[] bytes;
        try
        {
            using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            client.Timeout = TimeSpan.FromMinutes(5);
            bytes = client.GetByteArrayAsync(entry.Url).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw new UserErrorException($"cannot download {entry.Name} from {entry.Url}: {e.Message} (offline? a cached copy in {Folder} is used when present)");
        }
        var actual = Sha256Of(bytes);
        if (actual != entry.Sha256)
        {
            throw new UserErrorException($"{entry.Url}: downloaded {bytes.Length:N0} bytes with sha256 {actual}, the manifest says {entry.Sha256}: refused");
        }
        Directory.CreateDirectory(Folder);
        MicroGen.IO.AtomicFiles.WriteAll([(path, bytes)]);
        return (path, true);
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
