using System.Globalization;

namespace MicroGen.Run;

/// <summary>
/// What the firmware printed, parsed from its console lines (the one place that reads them):
/// "mg-output-shape I TYPE D0xD1", "mg-output I HEX", "mg-layer L HEX", "mg-cycles N", "mg-done STATUS".
/// Other lines are kept as text.
/// </summary>
public sealed record FirmwareTranscript(
    IReadOnlyDictionary<int, (string Type, int[] Shape)> OutputShapes,
    IReadOnlyDictionary<int, byte[]> Outputs,
    IReadOnlyDictionary<int, byte[]> Layers,
    long? Cycles,
    int? DoneStatus,
    string Text)
{
    public static FirmwareTranscript Parse(string text)
    {
        var shapes = new Dictionary<int, (string, int[])>();
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
                case "mg-output-shape" when parts.Length == 4:
                    shapes[number] = (parts[2], parts[3].Split('x').Select(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray());
                    break;
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
        return new FirmwareTranscript(shapes, outputs, layers, cycles, done, text);
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
