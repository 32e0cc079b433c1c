using System.Globalization;

namespace MicroGen.Reports;

/// <summary>A horizontal bar chart's geometry (one row per item, bars scaled to the largest value or a given full scale).</summary>
public sealed record BarChartModel(int Width, int Height, int LabelWidth, IReadOnlyList<BarModel> Bars)
{
    public static BarChartModel Of(IEnumerable<(string Label, double Value, double Full, string Text)> items, int width = 900, int labelWidth = 260)
    {
        var list = items.ToList();
        const int rowHeight = 18;
        var plot = width - labelWidth - 170;
        var scale = list.Count == 0 ? 1 : list.Max(i => Math.Max(i.Value, i.Full));
        var n = CultureInfo.InvariantCulture;
        var bars = list.Select((item, row) => new BarModel(
            item.Label,
            (row * rowHeight + 4).ToString(n),
            (row * rowHeight + 16).ToString(n),
            (item.Value / Math.Max(scale, 1e-12) * plot).ToString("0.##", n),
            item.Full > 0 ? (item.Full / Math.Max(scale, 1e-12) * plot).ToString("0.##", n) : "0",
            (labelWidth + Math.Max(item.Value, item.Full) / Math.Max(scale, 1e-12) * plot + 6).ToString("0.##", n),
            item.Text)).ToList();
        return new BarChartModel(width, Math.Max(1, list.Count) * rowHeight + 8, labelWidth, bars);
    }
}
