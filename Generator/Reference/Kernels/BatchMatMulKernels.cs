using MicroGen.Ops.BatchMatMul;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// BATCH_MATMUL reference kernels: TFLM's reference_ops::BatchMatMul, for int8 (int32 accumulator, double-rounding
/// MultiplyByQuantizedMultiplier), int16 (int64 accumulator, the int64 MultiplyByQuantizedMultiplier) and float
/// (float accumulator from 0, k ascending).
/// </summary>
public static class BatchMatMulKernels
{
    /// <summary>Accumulator: each term is at most 255 * 255 &lt; 2^16, so depths up to 2^15 cannot overflow int32 (beyond, int32 wraps as in C).</summary>
    public static void Int8(BatchMatMulData d, ReadOnlySpan<sbyte> lhs, ReadOnlySpan<sbyte> rhs, Span<sbyte> output)
    {
        var outputIndex = 0;
        foreach (var (lhsBase, rhsBase) in BatchOffsets(d))
        {
            for (var m = 0; m < d.Rows; m++)
            {
                for (var n = 0; n < d.Columns; n++)
                {
                    var total = 0;
                    for (var k = 0; k < d.Depth; k++)
                    {
                        var lhsValue = lhs[lhsBase + m * d.LhsRowStride + k * d.LhsDepthStride] + d.LhsOffset;
                        var rhsValue = rhs[rhsBase + k * d.RhsDepthStride + n * d.RhsColumnStride] + d.RhsOffset;
                        total = unchecked(total + rhsValue * lhsValue);
                    }
                    var scaled = FixedPointMath.MultiplyByQuantizedMultiplier(total, d.OutputMultiplier, d.OutputShift) + d.OutputOffset;
                    output[outputIndex++] = (sbyte)Math.Min(Math.Max(scaled, d.ActivationMin), d.ActivationMax);
                }
            }
        }
    }

    /// <summary>Accumulator: int64; int16 products are below 2^30, so any realistic depth fits.</summary>
    public static void Int16(BatchMatMulData d, ReadOnlySpan<short> lhs, ReadOnlySpan<short> rhs, Span<short> output)
    {
        var outputIndex = 0;
        foreach (var (lhsBase, rhsBase) in BatchOffsets(d))
        {
            for (var m = 0; m < d.Rows; m++)
            {
                for (var n = 0; n < d.Columns; n++)
                {
                    var total = 0L;
                    for (var k = 0; k < d.Depth; k++)
                    {
                        long lhsValue = lhs[lhsBase + m * d.LhsRowStride + k * d.LhsDepthStride] + d.LhsOffset;
                        long rhsValue = rhs[rhsBase + k * d.RhsDepthStride + n * d.RhsColumnStride] + d.RhsOffset;
                        total += rhsValue * lhsValue;
                    }
                    var scaled = FixedPointMath.MultiplyByQuantizedMultiplier(total, d.OutputMultiplier, d.OutputShift) + d.OutputOffset;
                    output[outputIndex++] = (short)Math.Min(Math.Max(scaled, d.ActivationMin), d.ActivationMax);
                }
            }
        }
    }

    public static void Float(BatchMatMulData d, ReadOnlySpan<float> lhs, ReadOnlySpan<float> rhs, Span<float> output)
    {
        var outputIndex = 0;
        foreach (var (lhsBase, rhsBase) in BatchOffsets(d))
        {
            for (var m = 0; m < d.Rows; m++)
            {
                for (var n = 0; n < d.Columns; n++)
                {
                    var total = 0f;
                    for (var k = 0; k < d.Depth; k++)
                    {
                        total += rhs[rhsBase + k * d.RhsDepthStride + n * d.RhsColumnStride] * lhs[lhsBase + m * d.LhsRowStride + k * d.LhsDepthStride];
                    }
                    output[outputIndex++] = total;
                }
            }
        }
    }

    /// <summary>The lhs and rhs matrix offsets of each output batch index, in row-major order.</summary>
    private static IEnumerable<(int Lhs, int Rhs)> BatchOffsets(BatchMatMulData d)
    {
        var rank = d.BatchShape.Length;
        var index = new int[rank];
        var count = d.BatchShape.Aggregate(1, (a, b) => a * b);
        for (var i = 0; i < count; i++)
        {
            var lhsOffset = 0;
            var rhsOffset = 0;
            for (var dim = 0; dim < rank; dim++)
            {
                lhsOffset += index[dim] * d.LhsBatchStrides[dim];
                rhsOffset += index[dim] * d.RhsBatchStrides[dim];
            }
            yield return (lhsOffset, rhsOffset);
            for (var dim = rank - 1; dim >= 0; dim--)
            {
                if (++index[dim] < d.BatchShape[dim])
                {
                    break;
                }
                index[dim] = 0;
            }
        }
    }
}
