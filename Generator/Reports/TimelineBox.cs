namespace MicroGen.Reports;

/// <summary>One buffer drawn in the timeline (coordinates as SVG number text).</summary>
public sealed record TimelineBox(string X, string Y, string Width, string Height, string Kind, string Title);
