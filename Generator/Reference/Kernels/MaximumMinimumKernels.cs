using System.Numerics;
using MicroGen.Ops.MaximumMinimum;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// MAXIMUM / MINIMUM: TFLM's MaximumOp (a &gt; b ? a : b) and MinimumOp (a &lt; b ? a : b), exactly these comparisons,
/// so that for float a NaN first operand yields the second operand, a NaN second operand propagates, and
/// max(-0, +0) is +0 (the second operand, since -0 &gt; +0 is false).
/// </summary>
public static class MaximumMinimumKernels
{
    public static void Apply<T>(MaximumMinimumData d, ReadOnlySpan<T> input1, ReadOnlySpan<T> input2, Span<T> output)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        if (d.IsMaximum)
        {
            BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new MaximumFunction<T>());
        }
        else
        {
            BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new MinimumFunction<T>());
        }
    }

    private readonly struct MaximumFunction<T> : IBinaryFunction<T> where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        public T Apply(T left, T right) => left > right ? left : right;
    }

    private readonly struct MinimumFunction<T> : IBinaryFunction<T> where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        public T Apply(T left, T right) => left < right ? left : right;
    }
}
