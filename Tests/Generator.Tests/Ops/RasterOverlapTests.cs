using MicroGen.Ops.Common;
using NUnit.Framework;

namespace MicroGen.Tests.Ops;

public class RasterOverlapTests
{
    [Test]
    public void PointwiseExpansionLeadsByOutputMinusInputPlusOnePixelOfInput()
    {
        // 2x2 pixels, 8 -> 24 channels. After pixel P (0-based) 24 (P + 1) bytes are written while pixel P's input
        // starts at 8 P: lead = max(24 (P + 1) - 8 P) = 24 + 3 * 16 = 72; together max(72 + 32, 96) = 104 = 96 + 8.
        var w = new Window2D(2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 2, 2);
        var lead = RasterOverlap.OutputLead(w, 1, 8, 24);
        Assert.That(lead, Is.EqualTo(72));
        Assert.That(RasterOverlap.SharedBytes(lead, 32, 96), Is.EqualTo(104));
    }

    [Test]
    public void SameSizeThreeByThreeLeadsByOneRowAndTwoPixels()
    {
        // 4x4x1, 3x3, stride 1, pad 1: writing pixel (y, x) the earliest input still read is (y - 1, x - 1), except
        // that the first column of the next row reaches back to column 0. Worst case: 6 = width + 2 bytes.
        var w = new Window2D(4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4, 4);
        Assert.That(RasterOverlap.OutputLead(w, 1, 1, 1), Is.EqualTo(6));
    }

    [Test]
    public void StrideTwoShrinkingNeedsOnlyTheFirstRowsOfLead()
    {
        // 8x8x4 -> 4x4x4, 3x3, stride 2, pad 0 (VALID 3x3 on 8 gives 3; use pad 0 and out 3x3).
        // Output pixel (y, x) ends at 4 (3y + x + 1); its window starts at input (2y, 2x) = 4 (16y + 2x); later
        // windows start later, so lead = max(4 (3y + x + 1) - 4 (16y + 2x)) = 4 at (0, 0).
        var w = new Window2D(8, 8, 3, 3, 2, 2, 1, 1, 0, 0, 3, 3);
        Assert.That(RasterOverlap.OutputLead(w, 1, 4, 4), Is.EqualTo(4));
    }

    [Test]
    public void ARasterKernelRunOverTheOverlapComputesWhatItComputesApart([Range(0, 199)] int seed)
    {
        var random = new Random(seed);
        var kernel = 1 + random.Next(4);
        var stride = 1 + random.Next(3);
        var dilation = 1 + random.Next(2);
        var inH = kernel + random.Next(7);
        var inW = kernel + random.Next(7);
        var pad = random.Next(kernel);
        var effective = (kernel - 1) * dilation + 1;
        var outH = (inH + 2 * pad - effective) / stride + 1;
        var outW = (inW + 2 * pad - effective) / stride + 1;
        if (outH <= 0 || outW <= 0)
        {
            Assert.Pass("window does not fit");
        }
        var batches = 1 + random.Next(2);
        var inC = 1 + random.Next(6);
        var outC = 1 + random.Next(6);
        var w = new Window2D(inH, inW, kernel, kernel, stride, stride, dilation, dilation, pad, pad, outH, outW);
        var lead = RasterOverlap.OutputLead(w, batches, inC, outC);
        Assert.That(OverlappedRunMatches(w, batches, inC, outC, lead, seed), Is.True, $"lead {lead} for {w} batches {batches} {inC}->{outC}");
    }

    [Test]
    public void TwoBytesLessLeadCorruptsTheOutput()
    {
        // The bound is conservative by at most the last byte of a pixel: one less still works (the last channel of
        // pixel P may land on P's own window once P's reads are done), two less overwrites a byte still to be read.
        var w = new Window2D(4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4, 4);
        var lead = RasterOverlap.OutputLead(w, 1, 1, 1);
        Assert.That(OverlappedRunMatches(w, 1, 1, 1, lead - 1, 1), Is.True);
        Assert.That(OverlappedRunMatches(w, 1, 1, 1, lead - 2, 1), Is.False);
    }

    [Test]
    public void KernelsWritingPixelRunsNeedTheLeadOfTheirRunLength([Range(0, 99)] int seed)
    {
        // A kernel that computes runs of up to k consecutive pixels together (channel by channel across the run, as
        // 2-pixel SIMD kernels do) writes pixel P + 1 while P's window is still being read: the single-pixel lead is
        // not enough in general, the run lead is, whatever the partition into runs.
        var random = new Random(seed);
        var kernel = 1 + random.Next(3);
        var stride = 1 + random.Next(2);
        var inH = kernel + random.Next(6);
        var inW = kernel + random.Next(6);
        var pad = random.Next(kernel);
        var outH = (inH + 2 * pad - kernel) / stride + 1;
        var outW = (inW + 2 * pad - kernel) / stride + 1;
        var inC = 1 + random.Next(6);
        var outC = 1 + random.Next(6);
        var run = 2 + random.Next(3);
        var w = new Window2D(inH, inW, kernel, kernel, stride, stride, 1, 1, pad, pad, outH, outW);
        var lead = RasterOverlap.OutputLead(w, 1, inC, outC, pixelsPerStep: run);
        Assert.That(lead, Is.GreaterThanOrEqualTo(RasterOverlap.OutputLead(w, 1, inC, outC)));
        Assert.That(OverlappedRunMatches(w, 1, inC, outC, lead, seed, run), Is.True, $"lead {lead} for {w} {inC}->{outC} runs of {run}");
    }

    [Test]
    public void PixelPairsOverTheSingleLeadCorruptAShrinkingPointwiseLayer()
    {
        // 1x1, 8 -> 4 channels over 3x3 pixels: the single-pixel lead is 4 bytes, so pixel 1's output lands on
        // pixel 0's input, which a pair kernel still reads for its remaining output channels.
        var w = new Window2D(3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 3, 3);
        var single = RasterOverlap.OutputLead(w, 1, 8, 4);
        Assert.That(single, Is.EqualTo(4));
        Assert.That(OverlappedRunMatches(w, 1, 8, 4, single, 3, 2), Is.False);
        Assert.That(OverlappedRunMatches(w, 1, 8, 4, RasterOverlap.OutputLead(w, 1, 8, 4, pixelsPerStep: 2), 3, 2), Is.True);
    }

    [Test]
    public void AChannelWiseKernelRunOverTheOverlapComputesWhatItComputesApart([Range(0, 199)] int seed)
    {
        var random = new Random(seed);
        var kH = 1 + random.Next(5);
        var kW = random.Next(2) == 0 ? 1 : 1 + random.Next(4);
        var stride = 1 + random.Next(2);
        var inH = kH + random.Next(7);
        var inW = kW + random.Next(5);
        var (padH, padW) = (random.Next(kH), random.Next(kW));
        var outH = (inH + 2 * padH - kH) / stride + 1;
        var outW = (inW + 2 * padW - kW) / stride + 1;
        var batches = 1 + random.Next(2);
        var channels = 1 + random.Next(9);
        var w = new Window2D(inH, inW, kH, kW, stride, stride, 1, 1, padH, padW, outH, outW);
        var lead = RasterOverlap.OutputLead(w, batches, channels, channels, channelWise: true);
        Assert.That(lead, Is.LessThanOrEqualTo(RasterOverlap.OutputLead(w, batches, channels, channels)));
        Assert.That(OverlappedChannelWiseMatches(w, batches, channels, lead, seed), Is.True, $"lead {lead} for {w} batches {batches} x{channels}");
    }

    [Test]
    public void AValidColumnFilterRunsChannelWiseFullyInPlaceButNotAheadOfItself()
    {
        // 30x1 input, 3x1 VALID window, 40 channels (keyword spotting): output pixel p lands on input pixel p, which no
        // later window reads. The pixel-at-once lead is one pixel; a write one byte past the own window corrupts.
        var w = new Window2D(30, 1, 3, 1, 1, 1, 1, 1, 0, 0, 28, 1);
        Assert.That(RasterOverlap.OutputLead(w, 1, 40, 40, channelWise: true), Is.Zero);
        Assert.That(RasterOverlap.OutputLead(w, 1, 40, 40), Is.EqualTo(40));
        Assert.That(OverlappedChannelWiseMatches(w, 1, 40, 0, 5), Is.True);
        var ahead = new Window2D(30, 1, 3, 1, 1, 1, 1, 1, 1, 0, 30, 1); // padded on top: pixel p's window starts at p - 1
        var aheadLead = RasterOverlap.OutputLead(ahead, 1, 40, 40, channelWise: true);
        Assert.That(aheadLead, Is.EqualTo(40));
        Assert.That(OverlappedChannelWiseMatches(ahead, 1, 40, aheadLead - 1, 5), Is.False);
    }

    private static bool OverlappedChannelWiseMatches(Window2D w, int batches, int channels, long lead, int seed)
    {
        var random = new Random(seed);
        var input = new byte[batches * w.InputHeight * w.InputWidth * channels];
        random.NextBytes(input);
        var apart = new byte[batches * w.OutputHeight * w.OutputWidth * channels];
        RunChannelWise(w, batches, channels, input, 0, apart, 0);
        var shared = new byte[RasterOverlap.SharedBytes(lead, input.Length, apart.Length)];
        input.CopyTo(shared, (int)lead);
        RunChannelWise(w, batches, channels, shared, (int)lead, shared, 0);
        return shared.AsSpan(0, apart.Length).SequenceEqual(apart);
    }

    /// <summary>
    /// A depthwise kernel in the order of mg_depthwise_conv2d_s8_pixel: pixel by pixel, each channel's window read and
    /// its output written before the next channel.
    /// </summary>
    private static void RunChannelWise(Window2D w, int batches, int channels, byte[] input, int inBase, byte[] output, int outBase)
    {
        var perImage = w.OutputHeight * w.OutputWidth;
        for (var pixel = 0; pixel < batches * perImage; pixel++)
        {
            var (b, y, x) = (pixel / perImage, pixel % perImage / w.OutputWidth, pixel % w.OutputWidth);
            for (var c = 0; c < channels; c++)
            {
                var acc = c * 31;
                for (var ky = 0; ky < w.FilterHeight; ky++)
                {
                    var iy = y * w.StrideHeight - w.PadTop + ky * w.DilationHeight;
                    for (var kx = 0; kx < w.FilterWidth; kx++)
                    {
                        var ix = x * w.StrideWidth - w.PadLeft + kx * w.DilationWidth;
                        if (iy >= 0 && iy < w.InputHeight && ix >= 0 && ix < w.InputWidth)
                        {
                            acc = acc * 7 + input[inBase + ((b * w.InputHeight + iy) * w.InputWidth + ix) * channels + c] * (ky + 2 * kx + 1);
                        }
                    }
                }
                output[outBase + pixel * channels + c] = (byte)(acc ^ (acc >> 8));
            }
        }
    }

    private static bool OverlappedRunMatches(Window2D w, int batches, int inC, int outC, long lead, int seed, int run = 1)
    {
        var random = new Random(seed);
        var input = new byte[batches * w.InputHeight * w.InputWidth * inC];
        random.NextBytes(input);
        var apart = new byte[batches * w.OutputHeight * w.OutputWidth * outC];
        var runs = RunLengths(batches * w.OutputHeight * w.OutputWidth, run, random);
        RunRaster(w, batches, inC, outC, input, 0, apart, 0, runs);
        var shared = new byte[RasterOverlap.SharedBytes(lead, input.Length, apart.Length)];
        input.CopyTo(shared, (int)lead);
        RunRaster(w, batches, inC, outC, shared, (int)lead, shared, 0, runs);
        return shared.AsSpan(0, apart.Length).SequenceEqual(apart);
    }

    /// <summary>A random partition of the pixels into runs of 1 to <paramref name="longest"/> consecutive pixels.</summary>
    private static List<int> RunLengths(int pixels, int longest, Random random)
    {
        var runs = new List<int>();
        for (var done = 0; done < pixels;)
        {
            var length = Math.Min(pixels - done, longest == 1 ? 1 : 1 + random.Next(longest));
            runs.Add(length);
            done += length;
        }
        return runs;
    }

    /// <summary>
    /// A convolution-shaped kernel in the order the C kernels use (batch, row, column, output channel, window), over
    /// runs of consecutive pixels computed channel by channel across the run, reading the input afresh for every
    /// output channel, so any byte overwritten too early changes the result.
    /// </summary>
    private static void RunRaster(Window2D w, int batches, int inC, int outC, byte[] input, int inBase, byte[] output, int outBase, List<int> runs)
    {
        var perImage = w.OutputHeight * w.OutputWidth;
        var first = 0;
        foreach (var length in runs)
        {
            for (var oc = 0; oc < outC; oc++)
            {
                for (var pixel = first; pixel < first + length; pixel++)
                {
                    var (b, y, x) = (pixel / perImage, pixel % perImage / w.OutputWidth, pixel % w.OutputWidth);
                    var acc = oc * 31;
                    for (var ky = 0; ky < w.FilterHeight; ky++)
                    {
                        var iy = y * w.StrideHeight - w.PadTop + ky * w.DilationHeight;
                        for (var kx = 0; kx < w.FilterWidth; kx++)
                        {
                            var ix = x * w.StrideWidth - w.PadLeft + kx * w.DilationWidth;
                            if (iy < 0 || iy >= w.InputHeight || ix < 0 || ix >= w.InputWidth)
                            {
                                continue;
                            }
                            for (var ic = 0; ic < inC; ic++)
                            {
                                acc = acc * 7 + input[inBase + ((b * w.InputHeight + iy) * w.InputWidth + ix) * inC + ic] * (ky + 2 * kx + 3 * ic + 1);
                            }
                        }
                    }
                    output[outBase + pixel * outC + oc] = (byte)(acc ^ (acc >> 8));
                }
            }
            first += length;
        }
    }
}
