namespace MicroGen.Emit.Model;

public sealed record RegionValueModel(int Y0, int Y1, int X0, int X1);
