using MicroGen.Ops;
using MicroGen.Ops.Common;

namespace MicroGen.Planning.Patches;

/// <summary>Patch support shared by the sliding-window operators (convolutions, pooling): input 0 is the feature map.</summary>
public static class WindowPatching
{
    public static SpatialWindow Window(Window2D w) => new(w.FilterHeight, w.FilterWidth, w.StrideHeight, w.StrideWidth,
        w.DilationHeight, w.DilationWidth, w.PadTop, w.PadLeft, w.InputHeight, w.InputWidth, w.OutputHeight, w.OutputWidth);

    public static PatchRegion? Required(Window2D w, int inputIndex, PatchRegion output) =>
        inputIndex == 0 ? Window(w).InputFor(output) : null;

    /// <summary>The window for computing <paramref name="output"/> from a buffer holding <paramref name="input"/>.</summary>
    public static Window2D ForPatch(Window2D w, PatchRegion input, PatchRegion output)
    {
        var (padTop, padLeft) = Window(w).PaddingFor(input, output);
        return w with
        {
            InputHeight = input.Height, InputWidth = input.Width, OutputHeight = output.Height, OutputWidth = output.Width,
            PadTop = padTop, PadLeft = padLeft,
        };
    }

    public static double MacsPerOutputPixel(OpContext ctx, OperatorDefinition definition, Window2D w) =>
        (double)definition.CountMacs(ctx) / ((long)w.OutputHeight * w.OutputWidth);
}
