namespace MicroGen.Cli;

/// <summary>Plain aligned text tables: the same bytes on a terminal, in a pipe and in tests.</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string[]> rows, IReadOnlyCollection<int>? rightAligned = null)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }
        foreach (var row in rows)
        {
            var cells = row.Select((cell, c) => rightAligned?.Contains(c) == true ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            output.WriteLine(("  " + string.Join("  ", cells)).TrimEnd());
        }
    }
}
