using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Ops.Common;
using MicroGen.Ops.Fast;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops.Fast;

/// <summary>Which layers get the optimised kernel shapes and pre-widened filters: a pure function of graph and target.</summary>
public class FastKernelPlanTests
{
    [Test]
    public void WidensTheLayersWithTheMostPixelsWithinTheBudget()
    {
        // Three pointwise layers of 16 x 16 weights (256 bytes each, 768 in all): the budget (3/4) admits two, by pixels.
        var graph = Pointwise([(8, 8), (2, 2), (4, 4)], 16);
        var widened = FastKernelPlan.Widened(graph, new TargetFeatures(Dsp: true, Fpu: false, KernelChoice.Optimized));
        Assert.That(widened, Is.EquivalentTo(new[] { 0, 2 }));
        // Automatic choice: weights this small do not pay for the optimised kernels' code, so nothing runs on them.
        Assert.That(FastKernelPlan.Widened(graph, new TargetFeatures(Dsp: true, Fpu: false)), Is.Empty);
    }

    [Test]
    public void NeverWidensWithoutDspOrOnThePortableKernels()
    {
        var graph = Pointwise([(8, 8)], 16);
        Assert.That(FastKernelPlan.Widened(graph, TargetFeatures.Portable), Is.Empty);
        Assert.That(FastKernelPlan.Widened(graph, new TargetFeatures(true, false, KernelChoice.Reference)), Is.Empty);
    }

    [Test]
    public void WideningLeavesTheFlashReserveBesideTheWeights()
    {
        // 768 bytes of weights: a flash with room for the weights, a quarter of them, the reserve and 300 bytes admits
        // one 256-byte layer; without the 300 bytes, none.
        var graph = Pointwise([(8, 8), (2, 2), (4, 4)], 16);
        var flash = 768 + 192 + FastKernelPlan.FlashReserveBytes + 300;
        var widened = FastKernelPlan.Widened(graph, new TargetFeatures(Dsp: true, Fpu: false, KernelChoice.Optimized, flash));
        Assert.That(widened, Is.EquivalentTo(new[] { 0 }));
        var full = FastKernelPlan.Widened(graph, new TargetFeatures(Dsp: true, Fpu: false, KernelChoice.Optimized, 768 + 192 + FastKernelPlan.FlashReserveBytes));
        Assert.That(full, Is.Empty);
    }

    [TestCase(3, 3, 1, 1, "_k3s1")]
    [TestCase(3, 3, 2, 1, "_k3s2")]
    [TestCase(3, 3, 1, 2, "")]
    [TestCase(1, 3, 1, 1, "_p2s1")]
    [TestCase(5, 5, 2, 1, "_p3s2")]
    [TestCase(3, 3, 3, 1, "")]
    public void DepthwiseShapes(int kH, int kW, int stride, int dilation, string suffix)
    {
        var w = new Window2D(8, 8, kH, kW, stride, stride, dilation, dilation, 0, 0, 8, 8);
        Assert.That(FastKernelPlan.DepthwiseShape(w), Is.EqualTo(suffix));
    }

    [TestCase(49, 40, 1, 8, 10, 8, 2, FastKernelFamily.Convolution)] // micro_speech: one input channel, multiplier 8
    [TestCase(8, 8, 1, 4, 1, 1, 1, FastKernelFamily.Pointwise)] // one channel, 1x1: a pointwise convolution
    [TestCase(28, 1, 128, 1, 5, 1, 1, FastKernelFamily.DepthwisePixel)] // str_ww: one column, many channels
    [TestCase(12, 12, 64, 1, 3, 3, 1, FastKernelFamily.DepthwisePixel)] // rows of 12 outputs
    [TestCase(48, 48, 8, 1, 3, 3, 1, FastKernelFamily.Depthwise)] // wide rows: channel by channel
    [TestCase(12, 12, 8, 2, 3, 3, 1, FastKernelFamily.Depthwise)] // multiplier 2 over 8 channels: channel by channel
    public void DepthwiseKernelFamilies(int h, int w, int channels, int multiplier, int kH, int kW, int stride, FastKernelFamily expected)
    {
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, h, w, channels], Q(0.05f, 0));
        var outC = channels * multiplier;
        var filter = b.Constant("w", DataType.Int8, [1, kH, kW, outC], Enumerable.Range(0, kH * kW * outC).Select(i => (sbyte)(i % 7 - 3)).ToArray(),
            Q(0.01f, 0));
        var output = b.Activation("out", DataType.Int8, [1, (h - kH) / stride + 1, (w - kW) / stride + 1, outC], Q(0.1f, 0));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, filter], [output],
            new DepthwiseConv2DOptions(Padding.Valid, stride, stride, 1, 1, multiplier, Activation.None, null));
        b.MarkOutput(output);
        var graph = b.Build("depthwise");
        var target = TargetFeatures.Portable.WithKernels(KernelChoice.Optimized);
        Assert.That(FastKernelPlan.Choose(graph, graph.Operators[0], target), Is.EqualTo(expected));
    }

    private static Graph Pointwise((int H, int W)[] sizes, int channels)
    {
        var b = new GraphBuilder();
        foreach (var (h, w) in sizes)
        {
            var input = b.Input($"in{b.Tensors.Count}", DataType.Int8, [1, h, w, channels], Q(0.05f, 0));
            var filter = b.Constant($"w{b.Tensors.Count}", DataType.Int8, [channels, 1, 1, channels],
                Enumerable.Range(0, channels * channels).Select(i => (sbyte)(i % 7 - 3)).ToArray(), Q(0.01f, 0));
            var output = b.Activation($"out{b.Tensors.Count}", DataType.Int8, [1, h, w, channels], Q(0.1f, 0));
            b.AddOperator(OpKind.Conv2D, [input, filter], [output], new Conv2DOptions(Padding.Valid, 1, 1, 1, 1, Activation.None, null));
            b.MarkOutput(output);
        }
        return b.Build("pointwise");
    }
}
