namespace MicroGen.Planning.Patches;

/// <summary>
/// How a sliding-window operator's output rows and columns depend on its input: output y reads input rows
/// y*StrideH - PadTop + k*DilationH for k in [0, KernelH).
/// </summary>
public sealed record SpatialWindow(
    int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft,
    int InputHeight, int InputWidth, int OutputHeight, int OutputWidth)
{
    /// <summary>The input rectangle the output rectangle reads (clipped to the input: the rest is padding).</summary>
    public PatchRegion InputFor(PatchRegion output)
    {
        var y0 = output.Y0 * StrideH - PadTop;
        var y1 = (output.Y1 - 1) * StrideH - PadTop + (KernelH - 1) * DilationH + 1;
        var x0 = output.X0 * StrideW - PadLeft;
        var x1 = (output.X1 - 1) * StrideW - PadLeft + (KernelW - 1) * DilationW + 1;
        return new PatchRegion(Math.Clamp(y0, 0, InputHeight), Math.Clamp(y1, 0, InputHeight), Math.Clamp(x0, 0, InputWidth), Math.Clamp(x1, 0, InputWidth));
    }

    /// <summary>
    /// The padding a kernel applies to compute <paramref name="output"/> from a buffer holding <paramref name="input"/>:
    /// positive where the window starts above the image (real padding), negative where the buffer starts before the
    /// first row the window reads (those rows are skipped). Rows past the buffer's end are padding only at the image edge,
    /// since the buffer holds every row the window reads.
    /// </summary>
    public (int PadTop, int PadLeft) PaddingFor(PatchRegion input, PatchRegion output) =>
        (input.Y0 - (output.Y0 * StrideH - PadTop), input.X0 - (output.X0 * StrideW - PadLeft));
}
