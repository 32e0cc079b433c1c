namespace MicroGen.Ops.Common;

/// <summary>
/// How far a sliding-window kernel's output may overlap its input. Kernels that compute output pixels in raster order
/// (batch, row, column), in runs of at most <c>pixelsPerStep</c> consecutive pixels whose channels they write only after
/// reading those pixels' windows, read, from run S on, only input bytes at or after the first byte of the earliest
/// window still to come. So the output may start <c>lead</c> bytes before the input and share its memory, where
/// <c>lead</c> keeps the end of every run written below that first byte:
/// <c>lead = max over S of (bytes written up to S + pixelsPerStep) - (offset of the first input byte read from S on)</c>.
/// Input and output then need <c>max(lead + input, output)</c> bytes instead of <c>input + output</c>.
/// </summary>
public static class RasterOverlap
{
    /// <summary>
    /// The bytes by which the output must start before the input (never negative), for a kernel that writes runs of
    /// up to <paramref name="pixelsPerStep"/> consecutive output pixels (1: pixel by pixel; 2: pixel pairs, anywhere
    /// in the raster).
    /// </summary>
    public static long OutputLead(Window2D w, int batches, int inputDepth, int outputDepth, int inputElementBytes = 1, int outputElementBytes = 1,
        int pixelsPerStep = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerStep, 1);
        var outputPixels = (long)batches * w.OutputHeight * w.OutputWidth;
        var inputPixelBytes = (long)inputDepth * inputElementBytes;
        var outputPixelBytes = (long)outputDepth * outputElementBytes;
        var lead = long.MinValue;
        var earliestRead = long.MaxValue;
        for (var p = outputPixels - 1; p >= 0; p--)
        {
            var batch = p / ((long)w.OutputHeight * w.OutputWidth);
            var y = (int)(p / w.OutputWidth % w.OutputHeight);
            var x = (int)(p % w.OutputWidth);
            var row = Math.Clamp((long)y * w.StrideHeight - w.PadTop, 0, w.InputHeight - 1);
            var col = Math.Clamp((long)x * w.StrideWidth - w.PadLeft, 0, w.InputWidth - 1);
            earliestRead = Math.Min(earliestRead, ((batch * w.InputHeight + row) * w.InputWidth + col) * inputPixelBytes);
            lead = Math.Max(lead, Math.Min(p + pixelsPerStep, outputPixels) * outputPixelBytes - earliestRead);
        }
        return Math.Max(lead, 0);
    }

    /// <summary>The bytes input and output occupy together when overlapped.</summary>
    public static long SharedBytes(long lead, long inputBytes, long outputBytes) => Math.Max(lead + inputBytes, outputBytes);

    /// <summary>
    /// The overlapped storage option of a raster-order window kernel over input 0, or null when overlapping saves
    /// nothing against separate input and output buffers.
    /// </summary>
    public static StorageOption? Option(Window2D w, int batches, int inputDepth, int outputDepth, int pixelsPerStep = 1)
    {
        var lead = OutputLead(w, batches, inputDepth, outputDepth, pixelsPerStep: pixelsPerStep);
        var input = (long)batches * w.InputHeight * w.InputWidth * inputDepth;
        var output = (long)batches * w.OutputHeight * w.OutputWidth * outputDepth;
        return SharedBytes(lead, input, output) < input + output ? new StorageOption(StorageMode.Overlapped, 0, 0, -lead) : null;
    }
}
