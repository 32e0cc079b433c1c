using System.Text.Json;
using MicroGen.Diagnostics;
using MicroGen.IO;

namespace MicroGen.Regress;

/// <summary>The baseline file: entries sorted by model then board, written deterministically.</summary>
public sealed record RegressionBaseline(IReadOnlyList<RegressionEntry> Entries)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static RegressionBaseline Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RegressionBaseline>(File.ReadAllText(path), Json)
                ?? throw new UserErrorException($"{path}: empty baseline");
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"{path}: not a MicroGen baseline (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}");
        }
        catch (IOException e)
        {
            throw new UserErrorException($"{path}: cannot read the baseline: {e.Message}");
        }
    }

    /// <summary>This baseline with <paramref name="updates"/> replacing entries of the same model and board.</summary>
    public RegressionBaseline With(IEnumerable<RegressionEntry> updates)
    {
        var byKey = Entries.ToDictionary(e => e.Key);
        foreach (var entry in updates)
        {
            byKey[entry.Key] = entry;
        }
        return new RegressionBaseline(byKey.Values.OrderBy(e => e.Model, StringComparer.Ordinal).ThenBy(e => e.Board, StringComparer.Ordinal).ToList());
    }

    public void Write(string path) =>
        AtomicFiles.WriteAll([(path, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, Json) + "\n"))]);
}
