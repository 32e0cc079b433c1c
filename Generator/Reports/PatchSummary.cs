namespace MicroGen.Reports;

/// <summary>A patch plan as reported: the grid and the operator after which per-layer execution resumes.</summary>
public sealed record PatchSummary(int Rows, int Cols, int SplitOp);
