using System.Text.Encodings.Web;
using System.Text.Json;

namespace MicroGen.Cli;

/// <summary>What every verb writes to, and how it writes JSON.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Out = output;
        Err = error;
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
