namespace MicroGen.Reports;

public sealed record TimelineTick(string Position, string Label);
