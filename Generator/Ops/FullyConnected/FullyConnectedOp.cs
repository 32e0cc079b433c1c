using System.Runtime.InteropServices;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Ops.Fast;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Reference.FixedPoint;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.FullyConnected;

/// <summary>
/// FULLY_CONNECTED: filter [units, depth] (int8 per-tensor or per-channel along axis 0, or float32); the input is
/// read as rows of `depth` elements; optional bias [units]; output [..., units].
/// </summary>
public sealed class FullyConnectedOp : OperatorDefinition<FullyConnectedData>, IAccumulatingOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.FullyConnected];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx) => ctx.Output(0).ElementCount * ctx.Input(1).Shape[^1];

    protected override FullyConnectedData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 3, 1);
        var options = ctx.Options<FullyConnectedOptions>();
        var input = ctx.Input(0);
        var filter = ctx.Input(1);
        var bias = ctx.OptionalInput(2);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Float32);
        ctx.RequireSameType(input, output);
        ctx.RequireConstant(filter);
        ctx.RequireRank(filter, 2);
        var units = filter.Shape[0];
        var depth = filter.Shape[1];
        if (depth <= 0 || units <= 0 || input.ElementCount % depth != 0)
        {
            throw ctx.Fail(input, $"has {input.ElementCount} elements, not a multiple of the filter depth {depth}");
        }
        var batches = (int)(input.ElementCount / depth);
        if (output.Shape.Length == 0 || output.Shape[^1] != units || output.ElementCount != (long)batches * units)
        {
            throw ctx.Fail(output, $"expected {batches} rows of {units} units");
        }
        var isFloat = input.Type == DataType.Float32;
        if (bias is not null)
        {
            ctx.RequireType(bias, isFloat ? DataType.Float32 : DataType.Int32);
            ctx.RequireConstant(bias);
            if (bias.ElementCount != units)
            {
                throw ctx.Fail(bias, $"has {bias.ElementCount} elements, expected {units}");
            }
        }
        if (isFloat)
        {
            ctx.RequireType(filter, DataType.Float32);
            var (fmin, fmax) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
            return new FullyConnectedData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, batches, depth, units,
                0, 0, 0, [], [], 0, 0, fmin, fmax, IsFloat: true);
        }
        ctx.RequireType(filter, DataType.Int8);
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        var filterQ = ctx.RequireQuantization(filter);
        int[] multipliers, shifts;
        var filterOffset = 0;
        if (filterQ.IsPerChannel)
        {
            if (filterQ.Axis != 0 || filterQ.Scales.Length != units)
            {
                throw ctx.Fail(filter, $"per-channel quantization must be along axis 0 with {units} scales");
            }
            var perChannel = QuantizationRules.PerChannelMultipliers(input, filter, output, units);
            multipliers = perChannel.Select(m => m.Multiplier).ToArray();
            shifts = perChannel.Select(m => m.Shift).ToArray();
        }
        else
        {
            var single = QuantizationRules.PerTensorMultiplier(input, filter, output);
            multipliers = Enumerable.Repeat(single.Multiplier, units).ToArray();
            shifts = Enumerable.Repeat(single.Shift, units).ToArray();
            filterOffset = -filterQ.ZeroPoint;
        }
        var (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        return new FullyConnectedData(input.Index, filter.Index, bias?.Index ?? -1, output.Index, batches, depth, units,
            -inQ.ZeroPoint, filterOffset, outQ.ZeroPoint, multipliers, shifts, min, max, 0, 0, IsFloat: false);
    }

    protected override void Eval(FullyConnectedData d, TensorBuffers buffers)
    {
        if (d.IsFloat)
        {
            FullyConnectedKernels.FullyConnectedFloat(d, buffers.Read<float>(d.Input), buffers.Read<float>(d.Filter),
                buffers.ReadOptional<float>(d.Bias), buffers.Write<float>(d.Output));
        }
        else
        {
            FullyConnectedKernels.FullyConnected(d, buffers.Read<sbyte>(d.Input), buffers.Read<sbyte>(d.Filter),
                buffers.ReadOptional<int>(d.Bias), buffers.Write<sbyte>(d.Output));
        }
    }

    protected override KernelCall Lower(OpContext ctx, FullyConnectedData d, StorageOption storage, TargetFeatures target)
    {
        if (d.IsFloat)
        {
            throw ctx.Fail("float32 FULLY_CONNECTED has no C kernel; quantize the model to int8");
        }
        if (FastKernelPlan.Choose(ctx.Graph, ctx.Op, target) == FastKernelFamily.FullyConnected)
        {
            return FastLowering.FullyConnected(ctx, d, target);
        }
        return Portable(ctx, d, "mg_fully_connected_s8", "kernels/mg_fully_connected_s8.c");
    }

    public bool CanAccumulate(OpContext ctx, object data) =>
        data is FullyConnectedData { IsFloat: false, Batches: 1 } && ctx.Input(0).Shape is { Length: 4 } shape && shape[0] == 1;

    public int AccumulatorCount(OpContext ctx, object data) => ((FullyConnectedData)data).OutputDepth;

    public void Start(OpContext ctx, object data, TensorBuffers buffers, Span<int> accumulators)
    {
        var d = (FullyConnectedData)data;
        accumulators.Clear();
        if (d.Bias >= 0)
        {
            buffers.Read<int>(d.Bias).CopyTo(accumulators);
        }
    }

    public void Accumulate(OpContext ctx, object data, TensorBuffers buffers, ReadOnlySpan<byte> patch, PatchRegion region, Span<int> accumulators)
    {
        var d = (FullyConnectedData)data;
        var (width, channels) = (ctx.Input(0).Shape[2], ctx.Input(0).Shape[3]);
        var filter = buffers.Read<sbyte>(d.Filter);
        var input = MemoryMarshal.Cast<byte, sbyte>(patch);
        var rowElements = region.Width * channels;
        for (var unit = 0; unit < d.OutputDepth; unit++)
        {
            var sum = 0;
            for (var y = 0; y < region.Height; y++)
            {
                var weights = filter.Slice(unit * d.AccumDepth + ((region.Y0 + y) * width + region.X0) * channels, rowElements);
                var values = input.Slice(y * rowElements, rowElements);
                for (var i = 0; i < rowElements; i++)
                {
                    sum += (weights[i] + d.FilterOffset) * (values[i] + d.InputOffset);
                }
            }
            accumulators[unit] += sum;
        }
    }

    public void Finish(OpContext ctx, object data, TensorBuffers buffers, ReadOnlySpan<int> accumulators)
    {
        var d = (FullyConnectedData)data;
        var output = buffers.Write<sbyte>(d.Output);
        for (var unit = 0; unit < d.OutputDepth; unit++)
        {
            var acc = FixedPointMath.MultiplyByQuantizedMultiplier(accumulators[unit], d.OutputMultiplier[unit], d.OutputShift[unit]) + d.OutputOffset;
            output[unit] = (sbyte)Math.Min(Math.Max(acc, d.ActivationMin), d.ActivationMax);
        }
    }

    public KernelCall LowerAccumulating(OpContext ctx, object data, TargetFeatures target) =>
        Portable(ctx, (FullyConnectedData)data, "mg_fully_connected_s8_partial", "kernels/mg_fully_connected_s8_partial.c");

    /// <summary>The portable kernels' call: TFLM's reference loop, or its split into start/accumulate/finish for a patch stage's tail.</summary>
    private static KernelCall Portable(OpContext ctx, FullyConnectedData d, string function, string source)
    {
        var step = ctx.Op.Index;
        return KernelCall.Create(function, "mg_fully_connected_s8_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("depth", KernelValue.Of(d.AccumDepth)), ("units", KernelValue.Of(d.OutputDepth)),
            ("input_offset", KernelValue.Of(d.InputOffset)), ("filter_offset", KernelValue.Of(d.FilterOffset)),
            ("output_offset", KernelValue.Of(d.OutputOffset)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
            ("filter", KernelValue.Tensor(ctx.Input(1))),
            ("bias", d.Bias < 0 ? KernelValue.Null : KernelValue.Tensor(ctx.Input(2))),
            ("multiplier", KernelValue.Table($"op{step}_multiplier", d.OutputMultiplier)),
            ("shift", KernelValue.Table($"op{step}_shift", d.OutputShift)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], source);
    }
}
