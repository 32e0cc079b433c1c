using System.Globalization;
using MicroGen.Diagnostics;

namespace MicroGen.Regress;

/// <summary>How much worse than the baseline a figure may get before it is a regression (fractions: 0.02 = 2 %).</summary>
public sealed record RegressionTolerance(double Cycles, double Sram, double Flash)
{
    public static RegressionTolerance Exact { get; } = new(0, 0, 0);

    /// <summary>"0.02" for all three, or "cycles=0.02,sram=0,flash=0.01".</summary>
    public static RegressionTolerance Parse(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var all) && all >= 0)
        {
            return new RegressionTolerance(all, all, all);
        }
        var tolerance = Exact;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=');
            if (pieces.Length != 2 || !double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new UserErrorException($"--tolerance '{text}': expected a fraction (0.02) or cycles=F,sram=F,flash=F");
            }
            tolerance = pieces[0] switch
            {
                "cycles" => tolerance with { Cycles = value },
                "sram" => tolerance with { Sram = value },
                "flash" => tolerance with { Flash = value },
                _ => throw new UserErrorException($"--tolerance: unknown figure '{pieces[0]}' (cycles, sram, flash)"),
            };
        }
        return tolerance;
    }
}
