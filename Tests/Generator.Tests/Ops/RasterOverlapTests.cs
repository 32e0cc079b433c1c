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
