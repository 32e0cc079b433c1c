using MicroGen.Ops;

namespace MicroGen.Planning.Patches;

/// <summary>
/// An operator that can run on one patch of its output (MCUNetV2 patch-based inference): it says which input
/// rectangle an output rectangle needs, and gives its prepared data adjusted so that the ordinary kernel, run on a
/// buffer holding exactly that input rectangle, computes exactly that output rectangle.
/// </summary>
public interface IPatchableOperator
{
    /// <summary>The window, or null when this instance cannot be patched (e.g. not a 4-D feature map).</summary>
    SpatialWindow? Window(OpContext ctx, object data);

    /// <summary>The operator's data for computing <paramref name="output"/> from a buffer holding <paramref name="input"/>.</summary>
    object ForPatch(OpContext ctx, object data, PatchRegion input, PatchRegion output);
}
