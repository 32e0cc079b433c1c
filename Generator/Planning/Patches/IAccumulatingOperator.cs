using MicroGen.Emit;
using MicroGen.Ops;
using MicroGen.Reference;

namespace MicroGen.Planning.Patches;

/// <summary>
/// An operator that can end a patch stage as its reduction tail: it reads the split tensor whole (a FULLY_CONNECTED over
/// the flattened feature map), but its integer accumulation is a sum over input elements, so each patch can add its
/// share to int32 accumulators and the output is requantized once after the last patch: the split tensor is never held
/// whole, and the result is byte-identical (integer sums do not depend on their order).
/// </summary>
public interface IAccumulatingOperator
{
    /// <summary>Whether this instance can accumulate patch by patch (int8, one row of the flattened input).</summary>
    bool CanAccumulate(OpContext ctx, object data);

    /// <summary>How many int32 accumulators the tail keeps across patches.</summary>
    int AccumulatorCount(OpContext ctx, object data);

    /// <summary>Sets the accumulators to their start value (the bias, when the operator has one).</summary>
    void Start(OpContext ctx, object data, TensorBuffers buffers, Span<int> accumulators);

    /// <summary>Adds the products of one patch (<paramref name="region"/> of the 4-D input, rows of pixels of all channels) to the accumulators.</summary>
    void Accumulate(OpContext ctx, object data, TensorBuffers buffers, ReadOnlySpan<byte> patch, PatchRegion region, Span<int> accumulators);

    /// <summary>Requantizes the accumulators into the operator's output.</summary>
    void Finish(OpContext ctx, object data, TensorBuffers buffers, ReadOnlySpan<int> accumulators);

    /// <summary>
    /// The C kernels: one parameter block shared by <c>{Function}_start(params, acc)</c>,
    /// <c>{Function}_accumulate(params, patch, region, width, channels, acc)</c> and <c>{Function}_finish(params, acc, output)</c>.
    /// </summary>
    KernelCall LowerAccumulating(OpContext ctx, object data, TargetFeatures target);
}
