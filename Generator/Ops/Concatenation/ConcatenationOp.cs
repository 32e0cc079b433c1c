using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Concatenation;

/// <summary>
/// CONCATENATION along a (possibly negative) axis, 1 to 10 inputs as TFLM micro allows, float32 / int8 / int16 /
/// int32 / int64 / bool, up to 6-D. TFLM micro does not requantize: int8 inputs must have exactly the output's scale
/// and zero point, int16 inputs and output zero point 0; no fused activation. Values are copied bit for bit.
/// </summary>
public sealed class ConcatenationOp : OperatorDefinition<ConcatenationData>
{
    /// <summary>TFLM micro's kMaxInputNum.</summary>
    public const int MaxInputs = 10;

    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Concatenation];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override ConcatenationData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, MaxInputs, 1);
        var options = ctx.Options<ConcatenationOptions>();
        if (options.Activation != Activation.None)
        {
            throw ctx.Fail($"fused activation {options.Activation} is not supported (TFLM requires none)");
        }
        var output = ctx.Output(0);
        ctx.RequireType(output, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64, DataType.Bool);
        ShapeRules.RequireMaxRank(ctx, output, ShapeRules.MaxRank);
        var rank = output.Shape.Length;
        var axis = ShapeRules.NormalizeAxis(ctx, options.Axis, rank, "axis");
        var inputs = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToArray();
        // TFLM compares the tensors' params (scale, zero point), which read 0 when a tensor has no quantization.
        var (outScale, outZeroPoint) = (output.Quantization?.Scale ?? 0f, output.Quantization?.ZeroPoint ?? 0);
        foreach (var input in inputs)
        {
            ctx.RequireSameType(output, input);
            if (input.Shape.Length != rank)
            {
                throw ctx.Fail(input, $"rank {input.Shape.Length} differs from the output's {rank}");
            }
            for (var d = 0; d < rank; d++)
            {
                if (d != axis && input.Shape[d] != output.Shape[d])
                {
                    throw ctx.Fail(input, $"dimension {d} is {input.Shape[d]}, the output's is {output.Shape[d]}");
                }
            }
            if (output.Type == DataType.Int8)
            {
                var (scale, zeroPoint) = (input.Quantization?.Scale ?? 0f, input.Quantization?.ZeroPoint ?? 0);
                if (scale != outScale || zeroPoint != outZeroPoint)
                {
                    throw ctx.Fail(input, $"quantization (s={scale:G9}, zp={zeroPoint}) differs from the output's (s={outScale:G9}, zp={outZeroPoint}); TFLM's int8 CONCATENATION does not rescale");
                }
            }
            else if (output.Type == DataType.Int16 && (input.Quantization?.ZeroPoint ?? 0) != 0)
            {
                throw ctx.Fail(input, "int16 CONCATENATION requires zero point 0");
            }
        }
        if (output.Type == DataType.Int16 && outZeroPoint != 0)
        {
            throw ctx.Fail(output, "int16 CONCATENATION requires zero point 0");
        }
        var sizes = inputs.Select(t => t.Shape[axis]).ToArray();
        if (sizes.Sum() != output.Shape[axis])
        {
            throw ctx.Fail(output, $"dimension {axis} is {output.Shape[axis]}, the inputs sum to {sizes.Sum()}");
        }
        var destinations = AxisPartition.PartViews(output.Shape, axis, sizes);
        return new ConcatenationData(inputs.Select(t => t.Index).ToArray(), output.Index, ShapeRules.ElementSize(ctx, output),
            destinations.Select(v => StridedView.Contiguous(v.Shape)).ToArray(), destinations);
    }

    protected override void Eval(ConcatenationData d, TensorBuffers buffers)
    {
        for (var i = 0; i < d.Inputs.Length; i++)
        {
            StridedCopyKernels.Copy(buffers.Bytes(d.Inputs[i]), d.Sources[i], buffers.WritableBytes(d.Output), d.Destinations[i], d.ElementSize);
        }
    }

    protected override KernelCall Lower(OpContext ctx, ConcatenationData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, d.Inputs, [d.Output],
            d.Inputs.Select((_, i) => (i, d.Sources[i], 0, d.Destinations[i])));
}
