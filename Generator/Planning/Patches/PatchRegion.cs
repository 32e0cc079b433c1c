namespace MicroGen.Planning.Patches;

/// <summary>A rectangle of a feature map: rows [Y0, Y1), columns [X0, X1).</summary>
public readonly record struct PatchRegion(int Y0, int Y1, int X0, int X1)
{
    public int Height => Y1 - Y0;

    public int Width => X1 - X0;

    public long Pixels => (long)Height * Width;

    public override string ToString() => $"rows {Y0}-{Y1 - 1}, cols {X0}-{X1 - 1}";
}
