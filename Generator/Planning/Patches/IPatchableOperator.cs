using MicroGen.Ops;

namespace MicroGen.Planning.Patches;

/// <summary>
/// An operator that can run on one patch of its output (MCUNetV2 patch-based inference): it says which rectangle of
/// each input an output rectangle needs, and gives its prepared data adjusted so that the ordinary kernel, run on input
/// buffers holding (at least) those rectangles, computes exactly the output rectangle into a buffer of that size.
/// </summary>
public interface IPatchableOperator
{
    /// <summary>Whether this instance can run patch by patch (4-D feature maps, one batch, no broadcast it cannot crop).</summary>
    bool CanPatch(OpContext ctx, object data);

    /// <summary>
    /// The rectangle of input <paramref name="inputIndex"/> that <paramref name="output"/> reads, clipped to the input,
    /// or null when that input is not a feature map the patch cuts (a constant, a broadcast vector).
    /// </summary>
    PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output);

    /// <summary>
    /// The operator's data for computing <paramref name="output"/> from input buffers holding the rectangles in
    /// <paramref name="inputs"/> (null for inputs read whole), each containing what <see cref="Required"/> asked for.
    /// </summary>
    object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output);

    /// <summary>MACs per output pixel (for the patching overhead).</summary>
    double MacsPerOutputPixel(OpContext ctx, object data);
}
