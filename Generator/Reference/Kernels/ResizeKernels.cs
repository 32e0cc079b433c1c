using MicroGen.Ops.Resize;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// RESIZE reference kernels: TFLM's reference_ops::ResizeNearestNeighbor (pixel copies), ResizeBilinear (float) and
/// ResizeBilinearInteger (int8, fixed point).
/// </summary>
public static class ResizeKernels
{
    public static void NearestNeighbor(ResizeNearestNeighborData d, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var pixelBytes = d.Depth * d.ElementSize;
        var rowBytes = d.InputWidth * pixelBytes;
        var batchBytes = d.InputHeight * rowBytes;
        var outputOffset = 0;
        for (var b = 0; b < d.Batches; b++)
        {
            foreach (var inY in d.SourceRows)
            {
                foreach (var inX in d.SourceColumns)
                {
                    input.Slice(b * batchBytes + inY * rowBytes + inX * pixelBytes, pixelBytes).CopyTo(output.Slice(outputOffset, pixelBytes));
                    outputOffset += pixelBytes;
                }
            }
        }
    }

    /// <summary>
    /// Float bilinear in TFLM's expression order: v00*(1-dy)*(1-dx) + v10*dy*(1-dx) + v01*(1-dy)*dx + v11*dy*dx + 0.0f,
    /// each product left to right, the sum left to right (the trailing + 0.0f, TFLM's rounding_offset for float,
    /// turns -0 into +0). No fused multiply-add: a C compiler contracting these (e.g. -ffp-contract=fast on an FPU with
    /// VFMA) would differ in the last bit from TFLM built without contraction.
    /// </summary>
    public static void BilinearFloat(ResizeBilinearData d, ReadOnlySpan<float> input, Span<float> output)
    {
        var outputHeight = d.RowPositions.Length;
        var outputWidth = d.ColumnPositions.Length;
        var outputIndex = 0;
        for (var b = 0; b < d.Batches; b++)
        {
            for (var y = 0; y < outputHeight; y++)
            {
                var inputY = d.RowPositions[y];
                var y0 = d.RowLower[y];
                var y1 = d.RowUpper[y];
                for (var x = 0; x < outputWidth; x++)
                {
                    var inputX = d.ColumnPositions[x];
                    var x0 = d.ColumnLower[x];
                    var x1 = d.ColumnUpper[x];
                    var dy = inputY - y0;
                    var dx = inputX - x0;
                    for (var c = 0; c < d.Depth; c++)
                    {
                        var v00 = input[Offset(d, b, y0, x0, c)];
                        var v10 = input[Offset(d, b, y1, x0, c)];
                        var v01 = input[Offset(d, b, y0, x1, c)];
                        var v11 = input[Offset(d, b, y1, x1, c)];
                        output[outputIndex++] = v00 * (1 - dy) * (1 - dx) + v10 * dy * (1 - dx) + v01 * (1 - dy) * dx + v11 * dy * dx + 0.0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Int8 bilinear in fixed point: weights in 1/1024 units, four int64 products summed (at most 2^7 * 2^20 each in
    /// magnitude, so no overflow), then (sum ± 2^19) / 2^20 truncating (ties away from zero), truncated to int8.
    /// </summary>
    public static void BilinearInt8(ResizeBilinearData d, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        const int one = 1 << 10;
        var outputHeight = d.RowPositions10.Length;
        var outputWidth = d.ColumnPositions10.Length;
        var outputIndex = 0;
        for (var b = 0; b < d.Batches; b++)
        {
            for (var y = 0; y < outputHeight; y++)
            {
                var inputY = d.RowPositions10[y];
                var y0 = d.RowLower[y];
                var y1 = d.RowUpper[y];
                var dy = inputY - one * y0;
                for (var x = 0; x < outputWidth; x++)
                {
                    var inputX = d.ColumnPositions10[x];
                    var x0 = d.ColumnLower[x];
                    var x1 = d.ColumnUpper[x];
                    var dx = inputX - one * x0;
                    for (var c = 0; c < d.Depth; c++)
                    {
                        var output20 =
                            (long)input[Offset(d, b, y0, x0, c)] * (one - dy) * (one - dx) +
                            (long)input[Offset(d, b, y1, x0, c)] * dy * (one - dx) +
                            (long)input[Offset(d, b, y0, x1, c)] * (one - dy) * dx +
                            (long)input[Offset(d, b, y1, x1, c)] * dy * dx;
                        var round = output20 > 0 ? 1L << 19 : -(1L << 19);
                        output[outputIndex++] = unchecked((sbyte)((output20 + round) / (1L << 20)));
                    }
                }
            }
        }
    }

    private static int Offset(ResizeBilinearData d, int b, int y, int x, int c) =>
        ((b * d.InputHeight + y) * d.InputWidth + x) * d.Depth + c;
}
