using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.BatchMatMul;

/// <summary>
/// BATCH_MATMUL: lhs [..., M, K] (or [..., K, M] with adj_x) times rhs [..., K, N] (or [..., N, K] with adj_y), ranks
/// 2 to 5, batch dimensions broadcast NumPy-style; either operand may be constant. Int8 (int32 accumulators), int16
/// (zero points 0, int64 accumulators) and float32, all tensors of one type as TFLM requires. The output multiplier is
/// TFLite's GetQuantizedConvolutionMultipler (scale product in float, divided in double); no fused activation.
/// TFLM's transposes and batch flattening (ReshapeToFlattenBatchDimsIfPossible) only move data, so the products and
/// their k-ascending summation are the same as computed here.
/// </summary>
public sealed class BatchMatMulOp : OperatorDefinition<BatchMatMulData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.BatchMatMul];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx)
    {
        var lhs = ctx.Input(0);
        var adjX = ctx.Options<BatchMatMulOptions>().AdjointX;
        return ctx.Output(0).ElementCount * lhs.Shape[adjX ? lhs.Shape.Length - 2 : lhs.Shape.Length - 1];
    }

    protected override BatchMatMulData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var options = ctx.Options<BatchMatMulOptions>();
        var lhs = ctx.Input(0);
        var rhs = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(lhs, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(lhs, rhs);
        ctx.RequireSameType(lhs, output);
        foreach (var operand in new[] { lhs, rhs })
        {
            if (operand.Shape.Length is < 2 or > 5)
            {
                throw ctx.Fail(operand, $"rank {operand.Shape.Length} is outside 2 to 5");
            }
        }
        var rank = Math.Max(lhs.Shape.Length, rhs.Shape.Length);
        var lhsShape = BroadcastShapes.Extend(lhs.Shape, rank);
        var rhsShape = BroadcastShapes.Extend(rhs.Shape, rank);
        var rows = options.AdjointX ? lhsShape[rank - 1] : lhsShape[rank - 2];
        var lhsDepth = options.AdjointX ? lhsShape[rank - 2] : lhsShape[rank - 1];
        var rhsDepth = options.AdjointY ? rhsShape[rank - 1] : rhsShape[rank - 2];
        var columns = options.AdjointY ? rhsShape[rank - 2] : rhsShape[rank - 1];
        if (lhsDepth != rhsDepth)
        {
            throw ctx.Fail(rhs, $"accumulation depth {rhsDepth} differs from '{lhs.Name}' {lhs.ShapeText}'s {lhsDepth} (adj_x={options.AdjointX}, adj_y={options.AdjointY})");
        }
        var batchRank = rank - 2;
        var batchShape = new int[batchRank];
        var lhsStrides = ShapeRules.RowMajorStrides(lhsShape);
        var rhsStrides = ShapeRules.RowMajorStrides(rhsShape);
        var lhsBatchStrides = new int[batchRank];
        var rhsBatchStrides = new int[batchRank];
        for (var d = 0; d < batchRank; d++)
        {
            if (lhsShape[d] != rhsShape[d] && lhsShape[d] != 1 && rhsShape[d] != 1)
            {
                throw ctx.Fail(rhs, $"batch dimension {d} ({rhsShape[d]}) does not broadcast with '{lhs.Name}' ({lhsShape[d]})");
            }
            batchShape[d] = lhsShape[d] == 1 ? rhsShape[d] : lhsShape[d];
            lhsBatchStrides[d] = lhsShape[d] == 1 ? 0 : lhsStrides[d];
            rhsBatchStrides[d] = rhsShape[d] == 1 ? 0 : rhsStrides[d];
        }
        ShapeRules.RequireShape(ctx, output, [.. batchShape, rows, columns]);
        var (lhsRowStride, lhsDepthStride) = options.AdjointX ? (1, rows) : (lhsDepth, 1);
        var (rhsDepthStride, rhsColumnStride) = options.AdjointY ? (1, rhsDepth) : (columns, 1);
        if (lhs.Type == DataType.Float32)
        {
            return new BatchMatMulData(lhs.Type, lhs.Index, rhs.Index, output.Index, batchShape, lhsBatchStrides, rhsBatchStrides,
                rows, columns, lhsDepth, lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColumnStride, 0, 0, 0, 0, 0, 0, 0);
        }
        var lhsQ = ctx.RequirePerTensorQuantization(lhs);
        var rhsQ = ctx.RequirePerTensorQuantization(rhs);
        var outQ = ctx.RequirePerTensorQuantization(output);
        if (lhs.Type == DataType.Int16)
        {
            foreach (var tensor in new[] { lhs, rhs, output })
            {
                if (tensor.Quantization!.ZeroPoint != 0)
                {
                    throw ctx.Fail(tensor, "int16 BATCH_MATMUL requires zero point 0");
                }
            }
        }
        var multiplier = QuantizationRules.PerTensorMultiplier(lhs, rhs, output);
        var (min, max) = lhs.Type == DataType.Int8 ? (sbyte.MinValue, (int)sbyte.MaxValue) : (short.MinValue, (int)short.MaxValue);
        return new BatchMatMulData(lhs.Type, lhs.Index, rhs.Index, output.Index, batchShape, lhsBatchStrides, rhsBatchStrides,
            rows, columns, lhsDepth, lhsRowStride, lhsDepthStride, rhsDepthStride, rhsColumnStride,
            -lhsQ.ZeroPoint, -rhsQ.ZeroPoint, outQ.ZeroPoint, multiplier.Multiplier, multiplier.Shift, min, max);
    }

    protected override void Eval(BatchMatMulData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                BatchMatMulKernels.Int8(d, buffers.Read<sbyte>(d.Lhs), buffers.Read<sbyte>(d.Rhs), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                BatchMatMulKernels.Int16(d, buffers.Read<short>(d.Lhs), buffers.Read<short>(d.Rhs), buffers.Write<short>(d.Output));
                break;
            default:
                BatchMatMulKernels.Float(d, buffers.Read<float>(d.Lhs), buffers.Read<float>(d.Rhs), buffers.Write<float>(d.Output));
                break;
        }
    }
}
