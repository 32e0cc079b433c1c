using MicroGen.Emit;
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

    /// <summary>
    /// The batch offsets become a table (lhs, rhs per output matrix, row-major over the batch shape); for int16 the
    /// int64 MultiplyByQuantizedMultiplier's Q15 multiplier, total shift and rounding term are formed here exactly as
    /// <see cref="FixedPointMath"/> forms them.
    /// </summary>
    protected override KernelCall Lower(OpContext ctx, BatchMatMulData d, StorageOption storage, TargetFeatures target)
    {
        var count = d.BatchShape.Aggregate(1, (a, b) => a * b);
        var batches = new int[2 * count];
        var index = new int[d.BatchShape.Length];
        for (var i = 0; i < count; i++)
        {
            for (var dim = 0; dim < index.Length; dim++)
            {
                batches[2 * i] += index[dim] * d.LhsBatchStrides[dim];
                batches[2 * i + 1] += index[dim] * d.RhsBatchStrides[dim];
            }
            for (var dim = index.Length - 1; dim >= 0 && ++index[dim] == d.BatchShape[dim]; dim--)
            {
                index[dim] = 0;
            }
        }
        var multiplierQ15 = d.OutputMultiplier < 0x7FFF0000 ? (d.OutputMultiplier + (1 << 15)) >> 16 : 0x7FFF;
        var totalShift = 15 - d.OutputShift;
        if (d.Type == DataType.Int16 && totalShift is < 1 or > 62)
        {
            throw ctx.Fail($"int16 output multiplier shift {d.OutputShift} is outside the range the C kernel's int64 rescaling covers");
        }
        return KernelCall.Create($"mg_batch_matmul_{KernelNames.TypeSuffix(d.Type)}", "mg_batch_matmul_params",
        [
            ("batch_count", KernelValue.Of(count)), ("batches", KernelValue.Table($"op{ctx.Op.Index}_batches", batches)),
            ("rows", KernelValue.Of(d.Rows)), ("cols", KernelValue.Of(d.Columns)), ("depth", KernelValue.Of(d.Depth)),
            ("lhs_row_stride", KernelValue.Of(d.LhsRowStride)), ("lhs_depth_stride", KernelValue.Of(d.LhsDepthStride)),
            ("rhs_depth_stride", KernelValue.Of(d.RhsDepthStride)), ("rhs_column_stride", KernelValue.Of(d.RhsColumnStride)),
            ("lhs_offset", KernelValue.Of(d.LhsOffset)), ("rhs_offset", KernelValue.Of(d.RhsOffset)), ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("multiplier", KernelValue.Of(d.OutputMultiplier)), ("shift", KernelValue.Of(d.OutputShift)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("multiplier_q15", KernelValue.Of(d.Type == DataType.Int16 ? multiplierQ15 : 0)),
            ("total_shift", KernelValue.Of(d.Type == DataType.Int16 ? totalShift : 0)),
            ("rounding", KernelValue.Of(d.Type == DataType.Int16 ? 1L << (totalShift - 1) : 0L)),
        ],
        [KernelOperand.ForTensor(d.Lhs), KernelOperand.ForTensor(d.Rhs), KernelOperand.ForTensor(d.Output)], "kernels/mg_batch_matmul.c");
    }
}
