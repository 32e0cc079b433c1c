using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Pad;

/// <summary>
/// PAD (input, paddings) and PADV2 (input, paddings, constant_values): paddings a constant int32/int64 [rank, 2]
/// tensor of non-negative (before, after) counts, up to 5-D as TFLM. Float32, int8, int16, int32. Int8 pads with the
/// output zero point, or with constant_values, whose quantization must equal the output's (TFLM's check); other types
/// pad with 0 or constant_values.
/// </summary>
public sealed class PadOp : OperatorDefinition<PadData>
{
    /// <summary>TFLM's PadKernelMaxDimensionCount.</summary>
    public const int MaxRank = 5;

    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Pad, OpKind.PadV2];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override PadData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 3, 1);
        var input = ctx.Input(0);
        var paddingsTensor = ctx.Input(1);
        var constantValues = ctx.OptionalInput(2);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32);
        ctx.RequireSameType(input, output);
        ShapeRules.RequireMaxRank(ctx, input, MaxRank);
        var rank = input.Shape.Length;
        var paddings = ConstantTensors.ReadIntegers(ctx, paddingsTensor);
        if (paddings.Length != 2 * rank)
        {
            throw ctx.Fail(paddingsTensor, $"has {paddings.Length} values, expected {2 * rank} (a [{rank}, 2] tensor)");
        }
        if (paddings.Any(p => p < 0))
        {
            throw ctx.Fail(paddingsTensor, $"negative padding in [{string.Join(", ", paddings)}]");
        }
        var outputShape = Enumerable.Range(0, rank).Select(d => input.Shape[d] + paddings[2 * d] + paddings[2 * d + 1]).ToArray();
        ShapeRules.RequireShape(ctx, output, outputShape);
        var elementSize = ShapeRules.ElementSize(ctx, input);
        var defaultPadValue = new byte[elementSize];
        if (constantValues is not null)
        {
            ctx.RequireSameType(input, constantValues);
            if (constantValues.ElementCount != 1)
            {
                throw ctx.Fail(constantValues, "must hold exactly one value");
            }
            if (input.Type == DataType.Int8)
            {
                var outQ = ctx.RequirePerTensorQuantization(output);
                var valueQ = ctx.RequirePerTensorQuantization(constantValues);
                if (valueQ.Scale != outQ.Scale || valueQ.ZeroPoint != outQ.ZeroPoint)
                {
                    throw ctx.Fail(constantValues, $"quantization ({valueQ}) differs from the output's ({outQ})");
                }
            }
        }
        else if (input.Type == DataType.Int8)
        {
            var zeroPoint = ctx.RequirePerTensorQuantization(output).ZeroPoint;
            if (zeroPoint is < sbyte.MinValue or > sbyte.MaxValue)
            {
                throw ctx.Fail(output, $"zero point {zeroPoint} is outside the int8 range");
            }
            defaultPadValue[0] = (byte)(sbyte)zeroPoint;
        }
        var outputStrides = ShapeRules.RowMajorStrides(outputShape);
        var offset = input.Shape.Contains(0) ? 0 : Enumerable.Range(0, rank).Sum(d => paddings[2 * d] * outputStrides[d]);
        var destination = new StridedView(offset, input.Shape.ToArray(), outputStrides);
        return new PadData(input.Index, constantValues?.Index ?? -1, output.Index, elementSize, defaultPadValue,
            StridedView.Contiguous(input.Shape), destination);
    }

    protected override void Eval(PadData d, TensorBuffers buffers)
    {
        var padValue = d.ConstantValues >= 0 ? buffers.Bytes(d.ConstantValues)[..d.ElementSize] : d.DefaultPadValue;
        var output = buffers.WritableBytes(d.Output);
        StridedCopyKernels.Fill(output, padValue, d.ElementSize);
        StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Source, output, d.Destination, d.ElementSize);
    }

    /// <summary>The whole output is filled with the pad value (element 0 of constant_values, the second source, when given), then the input copied in.</summary>
    protected override KernelCall Lower(OpContext ctx, PadData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, d.ConstantValues >= 0 ? [d.Input, d.ConstantValues] : [d.Input], [d.Output],
            [(0, d.Source, 0, d.Destination)], ctx.Output(0).ElementCount, d.ConstantValues >= 0 ? 1 : -1, d.DefaultPadValue);
}
