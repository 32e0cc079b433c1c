using System.CommandLine;
using System.Globalization;
using MicroGen.Zoo;

namespace MicroGen.Cli;

/// <summary>`microgen zoo list` and `microgen zoo pull NAME [--cache DIR]`: known public models, downloaded and checked by sha256.</summary>
public sealed class ZooVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var manifest = new Option<string?>("--manifest") { Description = "A manifest file to use instead of the built-in one." };
        var cache = new Option<string?>("--cache") { Description = "The cache folder (default: MICROGEN_ZOO_CACHE or ~/.cache/microgen/zoo)." };
        var json = CommonOptions.Json();
        var list = new Command("list", "List the known models with their source and sha256.") { manifest, json };
        list.SetAction(parse =>
        {
            var zoo = ZooManifest.Load(parse.GetValue(manifest));
            if (parse.GetValue(json))
            {
                context.WriteJson(zoo.Models);
                return ExitCodes.Success;
            }
            var rows = new List<string[]> { new[] { "name", "bytes", "what", "sha256" } };
            rows.AddRange(zoo.Models.Select(m => new[] { m.Name, m.Bytes.ToString("N0", CultureInfo.InvariantCulture), m.Description, m.Sha256[..16] + "..." }));
            TextTable.Write(context.Out, rows, rightAligned: [1]);
            return ExitCodes.Success;
        });
        var name = new Argument<string>("name") { Description = "The model's name in the zoo." };
        var pull = new Command("pull", "Download a model into the cache (or use the cached copy), checking its sha256.") { name, manifest, cache };
        pull.SetAction(parse =>
        {
            var entry = ZooManifest.Load(parse.GetValue(manifest)).Get(parse.GetValue(name)!);
            var (path, downloaded) = new ZooCache(parse.GetValue(cache) ?? ZooCache.DefaultFolder).Pull(entry);
            context.Out.WriteLine($"{(downloaded ? "downloaded" : "cached")}: {path} (sha256 {entry.Sha256})");
            return ExitCodes.Success;
        });
        return new Command("zoo", "Known public models: list them, pull one into the cache.") { list, pull };
    }
}
