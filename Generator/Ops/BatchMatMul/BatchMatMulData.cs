using MicroGen.Ir;

namespace MicroGen.Ops.BatchMatMul;

/// <summary>
/// BATCH_MATMUL after Prepare. Output [batch..., Rows, Columns]; per output batch index, the lhs and rhs matrices start
/// at Σ index_d * (Lhs|Rhs)BatchStrides[d] (stride 0 along broadcast batch dimensions). Element (m, k) of lhs is at
/// m * LhsRowStride + k * LhsDepthStride, element (k, n) of rhs at k * RhsDepthStride + n * RhsColumnStride, which
/// absorbs adj_x / adj_y. Quantized fields: offsets are negated zero points, as TFLM's FullyConnectedParams.
/// </summary>
public sealed record BatchMatMulData(
    DataType Type, int Lhs, int Rhs, int Output,
    int[] BatchShape, int[] LhsBatchStrides, int[] RhsBatchStrides,
    int Rows, int Columns, int Depth,
    int LhsRowStride, int LhsDepthStride, int RhsDepthStride, int RhsColumnStride,
    int LhsOffset, int RhsOffset, int OutputOffset,
    int OutputMultiplier, int OutputShift, int ActivationMin, int ActivationMax);
