using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>One patch: the rectangle each stage tensor's buffer holds (aligned with <see cref="PatchStage.Tensors"/>).</summary>
public sealed record PatchGeometry(EquatableArray<PatchRegion> Regions)
{
    public PatchRegion RegionOf(PatchStage stage, int tensor) => Regions[stage.Tensors.AsSpan().IndexOf(tensor)];
}
