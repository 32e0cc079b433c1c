namespace MicroGen.Reports;

/// <summary>One bar: label, row position, bar length, optional full-scale outline, value text and its position.</summary>
public sealed record BarModel(string Label, string Y, string TextY, string Length, string FullLength, string TextX, string Text);
