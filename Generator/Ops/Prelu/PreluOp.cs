using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Prelu;

/// <summary>
/// PRELU, x &gt;= 0 ? x : alpha * x with alpha broadcast against the input (TFLM prelu_common.cc): float32 (alpha
/// float32, up to rank 4), int8 (alpha int8) and int16 (alpha int8), up to rank 8, with per-tensor quantization and the
/// two multipliers formed in double.
/// </summary>
public sealed class PreluOp : OperatorDefinition<PreluData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Prelu];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override PreluData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var input = ctx.Input(0);
        var alpha = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(input, output);
        ctx.RequireType(alpha, input.Type == DataType.Float32 ? DataType.Float32 : DataType.Int8);
        var maxRank = input.Type == DataType.Float32 ? 4 : 8;
        var rank = Math.Max(input.Shape.Length, alpha.Shape.Length);
        if (rank > maxRank || output.Shape.Length > maxRank)
        {
            throw ctx.Fail(output, $"rank above {maxRank} is not supported for {input.Type.DisplayName()}");
        }
        var inputShape = Extend(input.Shape, rank);
        var alphaShape = Extend(alpha.Shape, rank);
        var outputShape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            if (inputShape[i] != alphaShape[i] && inputShape[i] != 1 && alphaShape[i] != 1)
            {
                throw ctx.Fail(alpha, $"shape {alpha.ShapeText} does not broadcast against the input {input.ShapeText}");
            }
            outputShape[i] = inputShape[i] == 1 ? alphaShape[i] : inputShape[i];
        }
        ctx.RequireShape(output, outputShape);
        var inputStrides = BroadcastStrides(inputShape, outputShape);
        var alphaStrides = BroadcastStrides(alphaShape, outputShape);
        if (input.Type == DataType.Float32)
        {
            return new PreluData(input.Index, alpha.Index, output.Index, input.Type, outputShape, inputStrides, alphaStrides,
                0, 0, 0, 0, 0, 0, 0);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var alphaQ = ctx.RequirePerTensorQuantization(alpha);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var multiplier1 = QuantizedMultiplier.FromDouble((double)inQ.Scale / outQ.Scale);
        var multiplier2 = QuantizedMultiplier.FromDouble((double)inQ.Scale * alphaQ.Scale / outQ.Scale);
        return new PreluData(input.Index, alpha.Index, output.Index, input.Type, outputShape, inputStrides, alphaStrides,
            -inQ.ZeroPoint, -alphaQ.ZeroPoint, outQ.ZeroPoint,
            multiplier1.Multiplier, multiplier1.Shift, multiplier2.Multiplier, multiplier2.Shift);
    }

    protected override void Eval(PreluData d, TensorBuffers buffers)
    {
        switch (d.Type)
        {
            case DataType.Int8:
                PreluKernels.PreluQuantized(d, buffers.Read<sbyte>(d.Input), buffers.Read<sbyte>(d.Alpha), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16:
                PreluKernels.PreluQuantized(d, buffers.Read<short>(d.Input), buffers.Read<sbyte>(d.Alpha), buffers.Write<short>(d.Output));
                break;
            default:
                PreluKernels.PreluFloat(d, buffers.Read<float>(d.Input), buffers.Read<float>(d.Alpha), buffers.Write<float>(d.Output));
                break;
        }
    }

    /// <summary>The shape with leading 1s up to <paramref name="rank"/> dimensions (RuntimeShape::ExtendedShape).</summary>
    private static int[] Extend(EquatableArray<int> shape, int rank)
    {
        var extended = Enumerable.Repeat(1, rank).ToArray();
        shape.AsSpan().CopyTo(extended.AsSpan(rank - shape.Length));
        return extended;
    }

    /// <summary>Row-major element strides of an operand, 0 along the dimensions where it is broadcast.</summary>
    private static int[] BroadcastStrides(int[] shape, int[] outputShape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = shape[i] == 1 && outputShape[i] != 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }
}
