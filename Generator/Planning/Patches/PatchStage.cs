using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>
/// A part of the network run patch by patch (MCUNetV2): operators from <see cref="InputTensor"/> (the model input, or
/// the first 4-D feature map when the model reshapes a flat input) to <see cref="OutputTensor"/> (the split point),
/// possibly with branches (residual blocks), whose output is cut into Rows x Cols rectangles; each patch recomputes the
/// halo its receptive field needs. <see cref="Tensors"/> lists the stage's tensors (the input first, then each
/// operator's output); each gets a patch-sized buffer.
/// With a reduction <see cref="Tail"/> (a FULLY_CONNECTED reading the split tensor) the split tensor never exists whole:
/// each patch adds its share to the tail's int32 accumulators and the tail's output (<see cref="ResultTensor"/>) is
/// requantized once after the last patch.
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
    int SplitNumber,
    int Tail = -1,
    int ResultTensor = -1)
{
    /// <summary>Extra MACs of patching relative to the whole model's MACs.</summary>
    public double MacOverhead => ModelMacs == 0 ? 0 : (double)(MacsPatched - MacsPerLayer) / ModelMacs;

    public bool HasTail => Tail >= 0;

    /// <summary>The operator after which execution goes on layer by layer: the tail, or the last patched operator (<see cref="SplitNumber"/> is its number in the model file).</summary>
    public int SplitOperator => HasTail ? Tail : Operators[^1];

    /// <summary>Every operator the stage runs: the patched ones, then the tail.</summary>
    public IReadOnlyList<int> AllOperators => HasTail ? [.. Operators, Tail] : Operators.Items;

    /// <summary>The tensor the stage leaves in the arena: the tail's output, or the split tensor.</summary>
    public int StageOutput => HasTail ? ResultTensor : OutputTensor;

    public bool Runs(int op) => op == Tail || Operators.Contains(op);
}
