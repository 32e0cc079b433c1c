using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Resize;

/// <summary>
/// RESIZE_BILINEAR: NHWC input, constant int32 size (height, width), align_corners or half_pixel_centers (not both,
/// as TFLM). Float32 follows reference_ops::ResizeBilinear in float; int8 follows TFLM's fixed-point
/// reference_ops::ResizeBilinearInteger (10-bit positions, 20-bit products, double-rounding build: ties away from
/// zero), which is what TFLM micro's resize_bilinear.cc calls for int8. No requantization, as TFLM.
/// </summary>
public sealed class ResizeBilinearOp : OperatorDefinition<ResizeBilinearData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.ResizeBilinear];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override ResizeBilinearData PrepareData(OpContext ctx)
    {
        var (input, output, options, outputHeight, outputWidth) = ResizeRules.Prepare(ctx, DataType.Float32, DataType.Int8);
        if (options.AlignCorners && options.HalfPixelCenters)
        {
            throw ctx.Fail("half_pixel_centers requires align_corners to be false");
        }
        var inputHeight = input.Shape[1];
        var inputWidth = input.Shape[2];
        var isFloat = input.Type == DataType.Float32;
        var (rowPositions, rowPositions10, rowLower, rowUpper) = Axis(isFloat, inputHeight, outputHeight, options.AlignCorners, options.HalfPixelCenters);
        var (columnPositions, columnPositions10, columnLower, columnUpper) = Axis(isFloat, inputWidth, outputWidth, options.AlignCorners, options.HalfPixelCenters);
        return new ResizeBilinearData(isFloat, input.Index, output.Index, input.Shape[0], inputHeight, inputWidth, input.Shape[3],
            rowPositions, rowPositions10, rowLower, rowUpper, columnPositions, columnPositions10, columnLower, columnUpper);
    }

    private static (float[] Positions, int[] Positions10, int[] Lower, int[] Upper) Axis(
        bool isFloat, int inputSize, int outputSize, bool alignCorners, bool halfPixelCenters)
    {
        var positions = new float[outputSize];
        var positions10 = new int[outputSize];
        var lower = new int[outputSize];
        var upper = new int[outputSize];
        if (isFloat)
        {
            // reference_ops::ResizeBilinear: scale = float(in) / out, or float(in - 1) / (out - 1) with align_corners.
            var scale = (float)inputSize / outputSize;
            if (alignCorners && outputSize > 1)
            {
                scale = (float)(inputSize - 1) / (outputSize - 1);
            }
            for (var i = 0; i < outputSize; i++)
            {
                // ComputeInterpolationValues: value is the float output coordinate.
                float value = i;
                var position = halfPixelCenters ? (value + 0.5f) * scale - 0.5f : value * scale;
                positions[i] = position;
                lower[i] = Math.Max((int)MathF.Floor(position), 0);
                upper[i] = Math.Min((int)MathF.Ceiling(position), inputSize - 1);
            }
        }
        else
        {
            // ResizeBilinearInteger: scale in 1/1024 units, rounded to nearest by integer division.
            var scale10 = ((1 << 10) * inputSize + outputSize / 2) / outputSize;
            if (alignCorners && outputSize > 1)
            {
                scale10 = ((1 << 10) * (inputSize - 1) + (outputSize - 1) / 2) / (outputSize - 1);
            }
            for (var i = 0; i < outputSize; i++)
            {
                // ComputeInterpolationValuesInteger; C's integer division truncates toward zero, as C#'s.
                var position = halfPixelCenters ? i * scale10 + scale10 / 2 - (1 << 9) : i * scale10;
                positions10[i] = position;
                lower[i] = Math.Max(position / (1 << 10), 0);
                upper[i] = Math.Min((position + (1 << 10) - 1) / (1 << 10), inputSize - 1);
            }
        }
        return (positions, positions10, lower, upper);
    }

    protected override void Eval(ResizeBilinearData d, TensorBuffers buffers)
    {
        if (d.IsFloat)
        {
            ResizeKernels.BilinearFloat(d, buffers.Read<float>(d.Input), buffers.Write<float>(d.Output));
        }
        else
        {
            ResizeKernels.BilinearInt8(d, buffers.Read<sbyte>(d.Input), buffers.Write<sbyte>(d.Output));
        }
    }

    /// <summary>Per output row (column): lower and upper input row (column) and the 1/1024 position (int8; 0 for float32).</summary>
    protected override KernelCall Lower(OpContext ctx, ResizeBilinearData d, StorageOption storage, TargetFeatures target)
    {
        static int[] Axis(int[] lower, int[] upper, int[] positions10) =>
            Enumerable.Range(0, lower.Length).SelectMany(i => (int[])[lower[i], upper[i], positions10[i]]).ToArray();
        var step = ctx.Op.Index;
        return KernelCall.Create(d.IsFloat ? "mg_resize_bilinear_f32" : "mg_resize_bilinear_s8", "mg_resize_bilinear_params",
        [
            ("batches", KernelValue.Of(d.Batches)), ("in_h", KernelValue.Of(d.InputHeight)), ("in_w", KernelValue.Of(d.InputWidth)),
            ("depth", KernelValue.Of(d.Depth)), ("out_h", KernelValue.Of(d.RowLower.Length)), ("out_w", KernelValue.Of(d.ColumnLower.Length)),
            ("rows", KernelValue.Table($"op{step}_rows", Axis(d.RowLower, d.RowUpper, d.RowPositions10))),
            ("cols", KernelValue.Table($"op{step}_cols", Axis(d.ColumnLower, d.ColumnUpper, d.ColumnPositions10))),
            ("row_positions", d.IsFloat ? new ArrayValue(ConstantArray.Float32($"op{step}_row_positions", d.RowPositions)) : KernelValue.Null),
            ("col_positions", d.IsFloat ? new ArrayValue(ConstantArray.Float32($"op{step}_col_positions", d.ColumnPositions)) : KernelValue.Null),
        ],
        [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_resize.c");
    }
}
