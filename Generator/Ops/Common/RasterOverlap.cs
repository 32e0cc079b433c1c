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
    /// <param name="channelWise">
    /// A depthwise kernel with as many output as input channels, which writes each output channel of a pixel right
    /// after reading that channel's window (one pixel per step): its write only has to stay below the input later
    /// pixels read, and below its own window's first pixel (the channels still to be read there lie above it).
    /// </param>
    public static long OutputLead(Window2D w, int batches, int inputDepth, int outputDepth, int inputElementBytes = 1, int outputElementBytes = 1,
        int pixelsPerStep = 1, bool channelWise = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerStep, 1);
        if (channelWise && (pixelsPerStep != 1 || inputDepth != outputDepth || inputElementBytes != outputElementBytes))
        {
            throw new ArgumentException("a channel-wise kernel writes one pixel per step, as many channels as it reads");
        }
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
            var laterRead = earliestRead;
            earliestRead = Math.Min(earliestRead, ((batch * w.InputHeight + row) * w.InputWidth + col) * inputPixelBytes);
            if (!channelWise)
            {
                lead = Math.Max(lead, Math.Min(p + pixelsPerStep, outputPixels) * outputPixelBytes - earliestRead);
                continue;
            }
            lead = Math.Max(lead, p * outputPixelBytes - earliestRead);
            if (p + 1 < outputPixels)
            {
                lead = Math.Max(lead, (p + 1) * outputPixelBytes - laterRead);
            }
        }
        return Math.Max(lead, 0);
    }

    /// <summary>The bytes input and output occupy together when overlapped.</summary>
    public static long SharedBytes(long lead, long inputBytes, long outputBytes) => Math.Max(lead + inputBytes, outputBytes);

    /// <summary>
    /// The overlapped storage option of a raster-order window kernel over input 0, or null when overlapping saves
    /// nothing against separate input and output buffers.
    /// </summary>
    public static StorageOption? Option(Window2D w, int batches, int inputDepth, int outputDepth, int pixelsPerStep = 1, bool channelWise = false)
    {
        var lead = OutputLead(w, batches, inputDepth, outputDepth, pixelsPerStep: pixelsPerStep, channelWise: channelWise);
        var input = (long)batches * w.InputHeight * w.InputWidth * inputDepth;
        var output = (long)batches * w.OutputHeight * w.OutputWidth * outputDepth;
        return SharedBytes(lead, input, output) < input + output ? new StorageOption(StorageMode.Overlapped, 0, 0, -lead) : null;
    }
}
