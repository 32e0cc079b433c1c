namespace MicroGen.Import.Onnx;

/// <summary>Text helpers for one-line messages about ONNX files.</summary>
internal static class OnnxText
{
    /// <summary>The text on one line, control characters replaced, cut to a readable length.</summary>
    public static string OneLine(string? text, int maxLength = 200)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var line = new string(chars).Trim();
        return line.Length > maxLength ? line[..maxLength] + "..." : line;
    }

    public static string Shape(IReadOnlyList<int> shape) => "[" + string.Join("x", shape) + "]";
}
