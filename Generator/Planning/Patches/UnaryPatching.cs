using MicroGen.Ops;
using MicroGen.Ops.Common;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Patch support for elementwise unary operators over a 4-D [1, H, W, C] tensor: an output patch needs the same
/// rectangle of its input. The input's patch buffer may hold a larger rectangle (the union of what
/// all its consumers need), so the kernel reads the output's rectangle from it through an <see cref="ElementwiseWalk"/>.
/// </summary>
public static class UnaryPatching
{
    /// <summary>Input <paramref name="inputIndex"/> has the output's 4-D, one-batch shape.</summary>
    public static bool CanPatch(OpContext ctx, int inputIndex = 0)
    {
        var output = ctx.Output(0);
        return output.Shape.Length == 4 && output.Shape[0] == 1 && ctx.Input(inputIndex).Shape.Equals(output.Shape);
    }

    public static PatchRegion? Required(int inputIndex, PatchRegion output, int dataInput = 0) => inputIndex == dataInput ? output : null;

    /// <summary>The work per output pixel, for the patching overhead: one operation per channel.</summary>
    public static double CostPerOutputPixel(OpContext ctx) => ctx.Output(0).Shape[^1];

    /// <summary>The walk computing <paramref name="output"/> from an input buffer holding <paramref name="input"/>.</summary>
    public static ElementwiseWalk ForPatch(PatchRegion? input, PatchRegion output, int channels)
    {
        var region = input ?? output;
        if (region == output)
        {
            return ElementwiseWalk.Whole(output.Pixels * channels);
        }
        var offset = ((output.Y0 - region.Y0) * region.Width + (output.X0 - region.X0)) * channels;
        return new ElementwiseWalk(output.Height, output.Width * channels, offset, region.Width * channels);
    }
}
