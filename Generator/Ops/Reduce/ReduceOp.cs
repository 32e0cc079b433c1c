using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;
using System.Numerics;

namespace MicroGen.Ops.Reduce;

/// <summary>
/// MEAN and SUM over the axes of a constant int32 axis tensor (negative axes wrap, duplicates count once), with or
/// without keep_dims; int8, int16 and float32, up to 6-D.
/// <para>
/// Quantized (TFLM reduce_common.cc, at the commit of this repository's models): every int8/int16 MEAN and SUM takes
/// reference_ops::QuantizedMeanOrSum; TFLM micro no longer has a special integer path for MEAN over H and W (its
/// reference_integer_ops/mean.h is empty), nor a float rescaling path. The multiplier is QuantizeMultiplier of
/// double(input scale) / double(output scale); MEAN folds 1/n into it: with k = min(floor(log2 n), 32, 31 + shift),
/// multiplier = (multiplier &lt;&lt; k) / n (int64, truncating) and shift -= k. Each output is then
/// MultiplyByQuantizedMultiplier(int32(sum - input_zp * n)) + output_zp, saturated to the type.
/// </para>
/// <para>
/// Float: sums in row-major input order starting from 0 (the order both of TFLM's float paths use, the generic Mean
/// and the 4-D H/W Mean with keep_dims), then for MEAN one division by float(n).
/// </para>
/// </summary>
public sealed class ReduceOp : OperatorDefinition<ReduceData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Mean, OpKind.Sum];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override ReduceData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var options = ctx.Options<ReducerOptions>();
        var input = ctx.Input(0);
        var axisTensor = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Int16, DataType.Float32);
        ctx.RequireSameType(input, output);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        if (axisTensor.Shape.Length > 1)
        {
            throw ctx.Fail(axisTensor, "must be a scalar or a vector");
        }
        var rank = input.Shape.Length;
        var reduced = new bool[rank];
        foreach (var axis in ConstantTensors.ReadIntegers(ctx, axisTensor, allowInt64: false))
        {
            reduced[ShapeRules.NormalizeAxis(ctx, axis, rank, "reduction axis")] = true;
        }
        var outputShape = options.KeepDims
            ? input.Shape.Select((d, i) => reduced[i] ? 1 : d).ToArray()
            : input.Shape.Where((_, i) => !reduced[i]).ToArray();
        ShapeRules.RequireShape(ctx, output, outputShape);

        // Output strides over the kept dimensions, 0 along reduced ones.
        var outputStrides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            if (!reduced[d])
            {
                outputStrides[d] = stride;
                stride *= input.Shape[d];
            }
        }
        var elementsPerOutput = 1L;
        for (var d = 0; d < rank; d++)
        {
            if (reduced[d])
            {
                elementsPerOutput *= input.Shape[d];
            }
        }
        var isMean = ctx.Op.Kind == OpKind.Mean;
        var outputCount = ShapeRules.ElementCount(ctx, output);
        if (input.Type == DataType.Float32)
        {
            return new ReduceData(isMean, input.Type, input.Index, output.Index, input.Shape.ToArray(), outputStrides, outputCount,
                (int)elementsPerOutput, 0, 0, 0, 0);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var multiplier = QuantizedMultiplier.FromDouble((double)inQ.Scale / outQ.Scale);
        var (m, shift) = (multiplier.Multiplier, multiplier.Shift);
        if (isMean && elementsPerOutput > 0)
        {
            var k = 63 - BitOperations.LeadingZeroCount((ulong)elementsPerOutput);
            k = Math.Min(k, 32);
            k = Math.Min(k, 31 + shift);
            m = (int)(((long)m << k) / elementsPerOutput);
            shift -= k;
        }
        return new ReduceData(isMean, input.Type, input.Index, output.Index, input.Shape.ToArray(), outputStrides, outputCount,
            (int)elementsPerOutput, inQ.ZeroPoint, outQ.ZeroPoint, m, shift);
    }

    protected override void Eval(ReduceData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                ReduceKernels.QuantizedMeanOrSum(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                ReduceKernels.QuantizedMeanOrSum(d, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            default:
                ReduceKernels.FloatMeanOrSum(d, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
        }
    }

    /// <summary>
    /// The C kernel walks the outputs (kept dimensions) and, per output, its input elements (reduced dimensions) in
    /// row-major order: each sum gets the same terms in the same order as in the input-order walk above, without a
    /// buffer of partial sums. Kept dimensions are those with a non-zero output stride.
    /// </summary>
    protected override KernelCall Lower(OpContext ctx, ReduceData d, StorageOption storage, TargetFeatures target)
    {
        var rank = d.InputShape.Length;
        var inputStrides = ShapeRules.RowMajorStrides(d.InputShape);
        var kept = Enumerable.Range(0, rank).Where(i => d.OutputStrides[i] != 0).ToArray();
        var reduced = Enumerable.Range(0, rank).Where(i => d.OutputStrides[i] == 0).ToArray();
        var (outerShape, outerStrides) = DimensionMerging.Merge(kept.Select(i => d.InputShape[i]).ToArray(), kept.Select(i => inputStrides[i]).ToArray());
        var (innerShape, innerStrides) = DimensionMerging.Merge(reduced.Select(i => d.InputShape[i]).ToArray(), reduced.Select(i => inputStrides[i]).ToArray());
        var step = ctx.Op.Index;
        return KernelCall.Create($"mg_mean_sum_{KernelNames.TypeSuffix(d.Type)}", "mg_mean_sum_params",
        [
            ("outer_rank", KernelValue.Of(outerShape.Length)), ("outer", KernelValue.Table($"op{step}_outer", [.. outerShape, .. outerStrides[0]])),
            ("inner_rank", KernelValue.Of(innerShape.Length)), ("inner", KernelValue.Table($"op{step}_inner", [.. innerShape, .. innerStrides[0]])),
            ("count", KernelValue.Of(d.ElementsPerOutput)), ("clear", KernelValue.Of(d.InputShape.Contains(0) ? 1 : 0)),
            ("mean", KernelValue.Of(d.IsMean ? 1 : 0)),
            ("correction", KernelValue.Of(unchecked((int)((long)d.InputZeroPoint * d.ElementsPerOutput)))),
            ("multiplier", KernelValue.Of(d.Multiplier)), ("shift", KernelValue.Of(d.Shift)),
            ("output_zero_point", KernelValue.Of(d.OutputZeroPoint)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_mean_sum.c");
    }
}
