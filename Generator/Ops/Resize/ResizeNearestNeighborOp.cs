using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Resize;

/// <summary>
/// RESIZE_NEAREST_NEIGHBOR: NHWC input (float32, int8, int16), constant int32 size (height, width); align_corners
/// and half_pixel_centers as TFLM's GetNearestNeighbor. Pixels are copied bit for bit (no requantization, as TFLM).
/// </summary>
public sealed class ResizeNearestNeighborOp : OperatorDefinition<ResizeNearestNeighborData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.ResizeNearestNeighbor];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override ResizeNearestNeighborData PrepareData(OpContext ctx)
    {
        var (input, output, options, outputHeight, outputWidth) =
            ResizeRules.Prepare(ctx, DataType.Float32, DataType.Int8, DataType.Int16);
        var inputHeight = input.Shape[1];
        var inputWidth = input.Shape[2];
        var rows = Enumerable.Range(0, outputHeight)
            .Select(y => NearestNeighbor(y, inputHeight, outputHeight, options.AlignCorners, options.HalfPixelCenters)).ToArray();
        var columns = Enumerable.Range(0, outputWidth)
            .Select(x => NearestNeighbor(x, inputWidth, outputWidth, options.AlignCorners, options.HalfPixelCenters)).ToArray();
        return new ResizeNearestNeighborData(input.Index, output.Index, ShapeRules.ElementSize(ctx, input),
            input.Shape[0], inputHeight, inputWidth, input.Shape[3], rows, columns);
    }

    /// <summary>
    /// TFLM's GetNearestNeighbor, in float as TFLM: scale = (in - 1) / float(out - 1) with align_corners (and out &gt; 1),
    /// else in / float(out); the source is round-half-away (align_corners) or floor of (value + 0.5 if half-pixel) * scale,
    /// capped at in - 1 and, with half-pixel centers, at least 0.
    /// </summary>
    public static int NearestNeighbor(int value, int inputSize, int outputSize, bool alignCorners, bool halfPixelCenters)
    {
        var scale = alignCorners && outputSize > 1
            ? (inputSize - 1) / (float)(outputSize - 1)
            : inputSize / (float)outputSize;
        var offset = halfPixelCenters ? 0.5f : 0.0f;
        var position = (value + offset) * scale;
        var source = Math.Min(
            alignCorners ? (int)MathF.Round(position, MidpointRounding.AwayFromZero) : (int)MathF.Floor(position),
            inputSize - 1);
        return halfPixelCenters ? Math.Max(0, source) : source;
    }

    protected override void Eval(ResizeNearestNeighborData d, TensorBuffers buffers) =>
        ResizeKernels.NearestNeighbor(d, buffers.Bytes(d.Input), buffers.WritableBytes(d.Output));

    protected override KernelCall Lower(OpContext ctx, ResizeNearestNeighborData d, StorageOption storage, TargetFeatures target) =>
        KernelCall.Create("mg_resize_nearest", "mg_resize_nearest_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(d.InputHeight)), ("in_w", KernelValue.Of(d.InputWidth)),
            ("out_h", KernelValue.Of(d.SourceRows.Length)), ("out_w", KernelValue.Of(d.SourceColumns.Length)),
            ("pixel_bytes", KernelValue.Of((long)d.Depth * d.ElementSize)),
            ("rows", KernelValue.Table($"op{ctx.Op.Index}_rows", d.SourceRows)),
            ("cols", KernelValue.Table($"op{ctx.Op.Index}_cols", d.SourceColumns)),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_resize.c");
}
