using MicroGen.Ops;
using MicroGen.Reference.Kernels;

namespace MicroGen.Planning.Patches;

/// <summary>
/// Patch support for elementwise binary operators over a 4-D [1, H, W, C] output: an input that has the output's shape is
/// cut like the output (read through a view into its possibly larger patch buffer); an input broadcast over height and
/// width is read whole. Other broadcasts cannot be patched.
/// </summary>
public static class ElementwisePatching
{
    public static bool CanPatch(OpContext ctx, params StridedView[] views)
    {
        var output = ctx.Output(0);
        return output.Shape.Length == 4 && output.Shape[0] == 1 && views.All(v => v.Rank == 4 && (IsFull(v, output.Shape.Items) || IsSpatialBroadcast(v)));
    }

    public static PatchRegion? Required(StridedView view, PatchRegion output) => IsSpatialBroadcast(view) ? null : output;

    /// <summary>The view reading <paramref name="output"/>'s elements from a buffer holding <paramref name="region"/> (null: unchanged source).</summary>
    public static StridedView ForPatch(StridedView view, PatchRegion? region, PatchRegion output, int channels)
    {
        int[] shape = [1, output.Height, output.Width, channels];
        if (region is not { } r)
        {
            return view with { Shape = shape };
        }
        var offset = ((output.Y0 - r.Y0) * r.Width + (output.X0 - r.X0)) * channels;
        return new StridedView(offset, shape, [r.Height * r.Width * channels, r.Width * channels, channels, 1]);
    }

    private static bool IsFull(StridedView view, IReadOnlyList<int> shape) =>
        view.Offset == 0 && view.Strides[3] == 1 && view.Strides[2] == shape[3] && view.Strides[1] == shape[2] * shape[3];

    private static bool IsSpatialBroadcast(StridedView view) => view.Strides[1] == 0 && view.Strides[2] == 0;
}
