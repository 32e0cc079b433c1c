using MicroGen.Import;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Planning.Rewrites;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Planning;

public class GraphRewriterTests
{
    [Test]
    public void FoldingPadIntoConvolutionIsExactOnRandomCases()
    {
        var random = new Random(41);
        var folded = 0;
        for (var trial = 0; trial < 80; trial++)
        {
            var graph = PadThenConvolution(random);
            var rewritten = GraphRewriter.Optimize(graph);
            if (rewritten.Operators.Length < graph.Operators.Length)
            {
                folded++;
            }
            var inputs = FirmwareHarness.RandomInputs(graph, random);
            Assert.That(new ReferenceInterpreter(rewritten).Invoke(inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)),
                $"trial {trial}: {graph.Operators[1].Options}");
        }
        Assert.That(folded, Is.GreaterThan(40), "most random PAD + convolution pairs qualify for folding");
    }

    [Test]
    public void McunetLosesItsPadOperatorsAndComputesTheSameBytes()
    {
        var graph = ModelLoader.Load(SharedModels.PathOf("mcunet_320kb_1mb_imagenet.tflite"));
        var rewritten = GraphRewriter.Optimize(graph);
        Assert.That(rewritten.Operators.Count(o => o.Kind == OpKind.Pad), Is.Zero);
        Assert.That(rewritten.Operators.Length, Is.EqualTo(graph.Operators.Length - 54));
        Assert.That(rewritten.Operators.Select(o => o.Number), Is.Ordered.Ascending, "operators keep their model numbers");
        var inputs = FirmwareHarness.RandomInputs(graph, new Random(1));
        Assert.That(new ReferenceInterpreter(rewritten).Invoke(inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)));
    }

    private static Graph PadThenConvolution(Random random)
    {
        var b = new GraphBuilder();
        int h = random.Next(2, 10), w = random.Next(2, 10), c = random.Next(1, 4);
        var q = Q(0.03f, random.Next(-128, 128));
        var input = b.Input("in", DataType.Int8, [1, h, w, c], q);
        int top = random.Next(0, 3), bottom = random.Next(0, 3), left = random.Next(0, 3), right = random.Next(0, 3);
        var paddings = b.Constant("paddings", DataType.Int32, [4, 2], new[] { 0, 0, top, bottom, left, right, 0, 0 });
        // Mostly the same quantization (foldable); sometimes not (must be left alone).
        var paddedQ = random.Next(6) == 0 ? Q(0.03f, q.ZeroPoint == 0 ? 1 : 0) : q;
        var padded = b.Activation("padded", DataType.Int8, [1, h + top + bottom, w + left + right, c], paddedQ);
        b.AddOperator(OpKind.Pad, [input, paddings], [padded]);
        int k = random.Next(1, 4), s = random.Next(1, 3), d = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
        int ph = h + top + bottom, pw = w + left + right;
        int outH = MicroGen.Ops.Common.Window2D.OutSize(padding, ph, k, s, d), outW = MicroGen.Ops.Common.Window2D.OutSize(padding, pw, k, s, d);
        if (outH < 1 || outW < 1)
        {
            (k, d, outH, outW) = (1, 1, MicroGen.Ops.Common.Window2D.OutSize(padding, ph, 1, s, 1), MicroGen.Ops.Common.Window2D.OutSize(padding, pw, 1, s, 1));
        }
        var depthwise = random.Next(2) == 0;
        var outC = depthwise ? c : random.Next(1, 4);
        var filter = b.Constant("w", DataType.Int8, depthwise ? [1, k, k, c] : [outC, k, k, c],
            Enumerable.Range(0, (depthwise ? c : outC * c) * k * k).Select(_ => (sbyte)random.Next(-127, 128)).ToArray(), Q(0.02f, 0));
        var output = b.Activation("out", DataType.Int8, [1, outH, outW, outC], Q(0.1f, random.Next(-20, 20)));
        b.AddOperator(depthwise ? OpKind.DepthwiseConv2D : OpKind.Conv2D, [padded, filter], [output],
            depthwise ? new DepthwiseConv2DOptions(padding, s, s, d, d, 1, Activation.None) : new Conv2DOptions(padding, s, s, d, d, Activation.None));
        b.MarkOutput(output);
        return b.Build("pad_conv");
    }
}
