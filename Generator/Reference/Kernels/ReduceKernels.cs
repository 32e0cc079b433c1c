using System.Numerics;
using MicroGen.Ops.Reduce;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// MEAN / SUM reference kernels: TFLM's reference_ops::QuantizedMeanOrSum (int8, int16; int32 accumulators) and
/// reference_ops::Mean / ReduceGeneric (float).
/// </summary>
public static class ReduceKernels
{
    /// <summary>
    /// Accumulator bound: int32 sums of raw int8/int16 values, wrapping as TFLM's int32 temp_sum does beyond 2^31
    /// (2^16 int16 or 2^24 int8 elements per output). The zero-point correction is formed in int64 and truncated to
    /// int32, as TFLM's static_cast does.
    /// </summary>
    public static void QuantizedMeanOrSum<T>(ReduceData d, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var sums = new int[d.OutputCount];
        if (input.IsEmpty)
        {
            output.Clear();
            return;
        }
        Accumulate(d, input, sums, static (sum, value) => unchecked(sum + int.CreateTruncating(value)));
        var min = int.CreateTruncating(T.MinValue);
        var max = int.CreateTruncating(T.MaxValue);
        for (var i = 0; i < sums.Length; i++)
        {
            var shifted = unchecked((int)(sums[i] - (long)d.InputZeroPoint * d.ElementsPerOutput));
            var value = FixedPointMath.MultiplyByQuantizedMultiplier(shifted, d.Multiplier, d.Shift) + d.OutputZeroPoint;
            output[i] = T.CreateTruncating(Math.Min(Math.Max(value, min), max));
        }
    }

    /// <summary>Float sums in row-major input order from 0, then (MEAN) one division by float(n).</summary>
    public static void FloatMeanOrSum(ReduceData d, ReadOnlySpan<float> input, Span<float> output)
    {
        var sums = new float[d.OutputCount];
        if (!input.IsEmpty)
        {
            Accumulate(d, input, sums, static (sum, value) => sum + value);
        }
        for (var i = 0; i < sums.Length; i++)
        {
            output[i] = d.IsMean && d.ElementsPerOutput > 0 ? sums[i] / d.ElementsPerOutput : sums[i];
        }
    }

    private static void Accumulate<TIn, TSum>(ReduceData d, ReadOnlySpan<TIn> input, Span<TSum> sums, Func<TSum, TIn, TSum> add)
    {
        var rank = d.InputShape.Length;
        if (rank == 0)
        {
            sums[0] = add(sums[0], input[0]);
            return;
        }
        var index = new int[rank];
        var inner = d.InputShape[rank - 1];
        var innerStride = d.OutputStrides[rank - 1];
        var outputOffset = 0;
        var inputOffset = 0;
        while (true)
        {
            for (var i = 0; i < inner; i++)
            {
                var o = outputOffset + i * innerStride;
                sums[o] = add(sums[o], input[inputOffset + i]);
            }
            inputOffset += inner;
            var dim = rank - 2;
            for (; dim >= 0; dim--)
            {
                index[dim]++;
                outputOffset += d.OutputStrides[dim];
                if (index[dim] < d.InputShape[dim])
                {
                    break;
                }
                outputOffset -= d.InputShape[dim] * d.OutputStrides[dim];
                index[dim] = 0;
            }
            if (dim < 0)
            {
                return;
            }
        }
    }
}
