using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>
/// The first part of the network run patch by patch (MCUNetV2): a chain of spatial operators from <see cref="InputTensor"/>
/// to <see cref="OutputTensor"/> (the split point), whose output is cut into Rows x Cols rectangles; each patch recomputes
/// the halo its receptive field needs. Buffers inside the stage hold one patch at a time.
/// </summary>
public sealed record PatchStage(
    EquatableArray<int> Operators,
    int InputTensor,
    int OutputTensor,
    int Rows,
    int Cols,
    EquatableArray<PatchGeometry> Patches,
    long MacsPatched,
    long MacsPerLayer,
    long ModelMacs)
{
    /// <summary>Extra MACs of patching relative to the whole model's MACs.</summary>
    public double MacOverhead => ModelMacs == 0 ? 0 : (double)(MacsPatched - MacsPerLayer) / ModelMacs;

    public int SplitOperator => Operators[^1];
}
