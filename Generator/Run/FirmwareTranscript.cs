using System.Globalization;

namespace MicroGen.Run;

/// <summary>
/// What the firmware printed, parsed from its console lines (the one place that reads them):
/// "mg-output I HEX", "mg-layer L HEX", "mg-cycles N", "mg-done STATUS". Other lines are kept as text.
/// </summary>
public sealed record FirmwareTranscript(
    IReadOnlyDictionary<int, byte[]> Outputs,
    IReadOnlyDictionary<int, byte[]> Layers,
    long? Cycles,
    int? DoneStatus,
    string Text)
{
    public static FirmwareTranscript Parse(string text)
    {
        var outputs = new Dictionary<int, byte[]>();
        var layers = new Dictionary<int, byte[]>();
        long? cycles = null;
        int? done = null;
        foreach (var raw in text.Split('\n'))
        {
            var parts = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }
            var hex = parts.Length > 2 ? parts[2] : "";
            switch (parts[0])
            {
                case "mg-output" when TryHex(hex, out var bytes):
                    outputs[number] = bytes;
                    break;
                case "mg-layer" when TryHex(hex, out var bytes):
                    layers[number] = bytes;
                    break;
                case "mg-cycles":
                    cycles = number;
                    break;
                case "mg-done":
                    done = number;
                    break;
            }
        }
        return new FirmwareTranscript(outputs, layers, cycles, done, text);
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
