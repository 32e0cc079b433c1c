using MicroGen.Planning.Patches;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Pool2D;

/// <summary>AVERAGE_POOL_2D and MAX_POOL_2D on [N,H,W,C]: int8, int16 (same quantization in and out, as TFLM requires) or float32.</summary>
public sealed class Pool2DOp : OperatorDefinition<Pool2DData>, IPatchableOperator
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.AveragePool2D, OpKind.MaxPool2D];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override long CountMacs(OpContext ctx)
    {
        var options = ctx.Options<Pool2DOptions>();
        return ctx.Op.Kind == OpKind.AveragePool2D ? ctx.Output(0).ElementCount * options.FilterH * options.FilterW : 0;
    }

    protected override Pool2DData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(1, 1, 1);
        var options = ctx.Options<Pool2DOptions>();
        var input = ctx.Input(0);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Int8, DataType.Int16, DataType.Float32);
        ctx.RequireSameType(input, output);
        ctx.RequireRank(input, 4);
        ctx.RequireRank(output, 4);
        var window = Window2D.Compute(ctx, options.Padding, input.Shape[1], input.Shape[2], options.FilterH, options.FilterW,
            options.StrideH, options.StrideW, 1, 1);
        ctx.RequireShape(output, input.Shape[0], window.OutputHeight, window.OutputWidth, input.Shape[3]);
        if (input.Type == DataType.Float32)
        {
            var (fmin, fmax) = QuantizationRules.FloatActivationRange(ctx, options.Activation);
            return new Pool2DData(ctx.Op.Kind, input.Index, output.Index, input.Type, input.Shape[0], input.Shape[3], window, 0, 0, fmin, fmax);
        }
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        if (Math.Abs((double)(inQ.Scale - outQ.Scale)) > 1.0e-6 || inQ.ZeroPoint != outQ.ZeroPoint)
        {
            throw ctx.Fail(output, $"quantization ({outQ}) must equal the input's ({inQ}) for pooling");
        }
        var (min, max) = QuantizationRules.ActivationRange(ctx, options.Activation, output);
        return new Pool2DData(ctx.Op.Kind, input.Index, output.Index, input.Type, input.Shape[0], input.Shape[3], window, min, max, 0, 0);
    }

    protected override void Eval(Pool2DData d, TensorBuffers buffers)
    {
        var average = d.Kind == OpKind.AveragePool2D;
        switch (d.Type)
        {
            case DataType.Int8 when average:
                PoolingKernels.AveragePool(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int8:
                PoolingKernels.MaxPool(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
                break;
            case DataType.Int16 when average:
                PoolingKernels.AveragePool(d, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            case DataType.Int16:
                PoolingKernels.MaxPool(d, buffers.Read<short>(d.Input), buffers.Write<short>(d.Output));
                break;
            case DataType.Float32 when average:
                PoolingKernels.AveragePoolFloat(d, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
            default:
                PoolingKernels.MaxPoolFloat(d, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
                break;
        }
    }

    /// <summary>The int8 kernels compute output pixels in raster order: the output may overlap the input (<see cref="RasterOverlap"/>).</summary>
    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target)
    {
        var d = PrepareData(ctx);
        var overlapped = d.Type == DataType.Int8 ? RasterOverlap.Option(d.Window, d.Batches, d.Depth, d.Depth) : null;
        return overlapped is null ? [StorageOption.Separate()] : [StorageOption.Separate(), overlapped];
    }

    protected override KernelCall Lower(OpContext ctx, Pool2DData d, StorageOption storage, TargetFeatures target)
    {
        if (d.Type != DataType.Int8)
        {
            throw ctx.Fail($"{d.Type.DisplayName()} pooling has no C kernel; int8 is supported");
        }
        var w = d.Window;
        return KernelCall.Create(d.Kind == OpKind.AveragePool2D ? "mg_avg_pool2d_s8" : "mg_max_pool2d_s8", "mg_pool2d_s8_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(w.InputHeight)), ("in_w", KernelValue.Of(w.InputWidth)),
            ("depth", KernelValue.Of(d.Depth)), ("out_h", KernelValue.Of(w.OutputHeight)), ("out_w", KernelValue.Of(w.OutputWidth)),
            ("k_h", KernelValue.Of(w.FilterHeight)), ("k_w", KernelValue.Of(w.FilterWidth)),
            ("stride_h", KernelValue.Of(w.StrideHeight)), ("stride_w", KernelValue.Of(w.StrideWidth)),
            ("pad_top", KernelValue.Of(w.PadTop)), ("pad_left", KernelValue.Of(w.PadLeft)),
            ("act_min", KernelValue.Of(d.ActivationMin)), ("act_max", KernelValue.Of(d.ActivationMax)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_pool2d_s8.c");
    }

    public bool CanPatch(OpContext ctx, object data) => ((Pool2DData)data).Batches == 1;

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output) =>
        WindowPatching.Required(((Pool2DData)data).Window, inputIndex, output);

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output)
    {
        var d = (Pool2DData)data;
        return d with { Window = WindowPatching.ForPatch(d.Window, inputs[0]!.Value, output) };
    }

    public double MacsPerOutputPixel(OpContext ctx, object data) => WindowPatching.MacsPerOutputPixel(ctx, this, ((Pool2DData)data).Window);
}
