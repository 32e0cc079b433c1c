using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>
/// The first part of the network run patch by patch (MCUNetV2): operators from <see cref="InputTensor"/> to
/// <see cref="OutputTensor"/> (the split point), possibly with branches (residual blocks), whose output is cut into
/// Rows x Cols rectangles; each patch recomputes the halo its receptive field needs. <see cref="Tensors"/> lists the
/// stage's tensors (the input first, then each operator's output); each gets a patch-sized buffer.
/// </summary>
public sealed record PatchStage(
    EquatableArray<int> Operators,
    EquatableArray<int> Tensors,
    int InputTensor,
    int OutputTensor,
    int Rows,
    int Cols,
    EquatableArray<PatchGeometry> Patches,
    long MacsPatched,
    long MacsPerLayer,
    long ModelMacs,
    int SplitNumber)
{
    /// <summary>Extra MACs of patching relative to the whole model's MACs.</summary>
    public double MacOverhead => ModelMacs == 0 ? 0 : (double)(MacsPatched - MacsPerLayer) / ModelMacs;

    /// <summary>The split operator's index in the graph (<see cref="SplitNumber"/> is its number in the model file).</summary>
    public int SplitOperator => Operators[^1];
}
