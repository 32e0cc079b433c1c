using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Streams;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Planning;

public class StreamPlannerTests
{
    /// <summary>
    /// Random networks of convolutions, depthwise convolutions and pools (any kernel, stride, dilation, padding) and
    /// inverted-residual blocks (1x1 expansion, depthwise k x k, 1x1 projection, ADD of the block input): the whole
    /// network as one segment, and each run between two single-tensor points, in bands of 1-3 rows, byte-identical to
    /// per-layer execution. The executor's windows are exactly as high as planned, so a window planned a row short fails.
    /// </summary>
    [Test]
    public void StreamedExecutionIsByteIdenticalOnRandomNetworks()
    {
        var random = new Random(7);
        var checkedSegments = 0;
        for (var trial = 0; trial < 40; trial++)
        {
            var graph = RandomNetwork(random);
            var order = Enumerable.Range(0, graph.Operators.Length).ToArray();
            var inputs = FirmwareHarness.RandomInputs(graph, random);
            var perLayer = new ReferenceInterpreter(graph).Invoke(inputs);
            var bandRows = random.Next(1, 4);
            var whole = StreamPlanner.Build(graph, order, bandRows);
            Assert.That(new ReferenceInterpreter(graph, streams: [whole]).Invoke(inputs), Is.EqualTo(perLayer), $"trial {trial}: {whole}");
            var runs = StreamPlanner.Candidates(graph, order).Where(r => r.Count > 1).ToList();
            var chosen = new List<StreamSegment>();
            foreach (var run in runs.OrderBy(_ => random.Next()))
            {
                if (chosen.All(s => !run.Any(s.Runs)))
                {
                    chosen.Add(StreamPlanner.Build(graph, run, random.Next(1, 4)));
                }
            }
            Assert.That(new ReferenceInterpreter(graph, streams: chosen).Invoke(inputs), Is.EqualTo(perLayer),
                $"trial {trial}: {string.Join("; ", chosen)}");
            checkedSegments += 1 + chosen.Count;
        }
        Assert.That(checkedSegments, Is.GreaterThan(60));
    }

    /// <summary>
    /// Row-streamed segments in C: four random networks (inverted-residual blocks included), each with random segments
    /// in bands of 1-3 rows, planned (windows, shared input and output), built with the board's kernels and run, with
    /// the simulator's memory check on the MCU boards; every output byte equals the per-layer reference.
    /// </summary>
    [TestCase("host")]
    [TestCase("mps2-an386")]
    [TestCase("nucleo-l073rz")]
    [Category("Firmware")]
    public void StreamedFirmwareMatchesTheReference(string boardName)
    {
        var random = new Random(boardName.Length * 17);
        var board = FirmwareHarness.Board(boardName);
        for (var network = 0; network < 4; network++)
        {
            var graph = RandomNetwork(random);
            var order = Enumerable.Range(0, graph.Operators.Length).ToArray();
            var chosen = new List<StreamSegment>();
            foreach (var run in StreamPlanner.Candidates(graph, order).Where(r => r.Count > 1).OrderBy(_ => random.Next()))
            {
                if (chosen.All(s => !run.Any(s.Runs)))
                {
                    chosen.Add(StreamPlanner.Build(graph, run, random.Next(1, 4)));
                }
            }
            if (chosen.Count == 0)
            {
                chosen.Add(StreamPlanner.Build(graph, order, random.Next(1, 4)));
            }
            var plan = MemoryPlanner.Plan(graph, new PlanOptions(board.Target), streams: chosen);
            Assert.That(plan.Steps.Count(s => s.IsStream), Is.EqualTo(chosen.Count));
            var inputs = FirmwareHarness.RandomInputs(graph, random);
            Assert.That(FirmwareHarness.RunPlan(graph, plan, board, "streamed.tflite", inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)),
                $"{boardName}, network {network}: {string.Join("; ", chosen)}");
        }
    }

    /// <summary>
    /// By hand, on a 6x5 map, one row per band: a 1x1 expansion (2 to 4 channels), a 3x3 depthwise layer (SAME, stride 1),
    /// a 1x1 projection. The depthwise row y reads expansion rows y-1..y+1, so the expansion's window holds three rows and
    /// runs one row ahead; the depthwise output's window holds the one row the projection reads.
    /// </summary>
    [Test]
    public void WindowsHoldTheRowsTheirReadersStillNeed()
    {
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 6, 5, 2], Q(0.5f, 0));
        var expanded = b.Activation("expanded", DataType.Int8, [1, 6, 5, 4], Q(0.5f, 0));
        b.AddOperator(OpKind.Conv2D, [input, b.Constant("we", DataType.Int8, [4, 1, 1, 2], new sbyte[8], Q(1f, 0))], [expanded],
            new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        var depthwise = b.Activation("dw", DataType.Int8, [1, 6, 5, 4], Q(0.5f, 0));
        b.AddOperator(OpKind.DepthwiseConv2D, [expanded, b.Constant("wd", DataType.Int8, [1, 3, 3, 4], new sbyte[36], Q(1f, 0))], [depthwise],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.None));
        var output = b.Activation("out", DataType.Int8, [1, 6, 5, 2], Q(0.5f, 0));
        b.AddOperator(OpKind.Conv2D, [depthwise, b.Constant("wp", DataType.Int8, [2, 1, 1, 4], new sbyte[8], Q(1f, 0))], [output],
            new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        b.MarkOutput(output);
        var graph = b.Build("block");
        var segment = StreamPlanner.Build(graph, [0, 1, 2]);
        Assert.That(segment.WindowRows, Is.EqualTo(new[] { 0, 3, 1, 0 }));
        Assert.That(segment.Bands, Has.Length.EqualTo(6));
        // Band 0: the expansion computes rows 0-1 (the depthwise row 0 reads rows 0-1), the others row 0.
        Assert.That(segment.Bands[0].Computed, Is.EqualTo(new[] { new PatchRegion(0, 2, 0, 5), new PatchRegion(0, 1, 0, 5), new PatchRegion(0, 1, 0, 5) }));
        // Band 3: expansion row 4 joins rows 2-3 (depthwise row 3 reads rows 2-4); row 1 is dropped.
        Assert.That(segment.Bands[3].Held[1], Is.EqualTo(new PatchRegion(2, 5, 0, 5)));
        // Band 5: nothing left to expand; the depthwise layer reads rows 4-5.
        Assert.That(segment.Bands[5].Computed[0].Height, Is.Zero);
        // Output rows are written after the input rows beneath them were read: the two share bytes at offset 0.
        Assert.That(segment.OutputOffsetFromInput, Is.EqualTo(0));
    }

    private static Graph RandomNetwork(Random random)
    {
        var b = new GraphBuilder();
        int h = random.Next(6, 18), w = random.Next(4, 12), c = random.Next(1, 5);
        var current = b.Input("in", DataType.Int8, [1, h, w, c], Q(0.05f, random.Next(-128, 128)));
        var layers = random.Next(2, 6);
        for (var i = 0; i < layers; i++)
        {
            if (random.Next(3) == 0)
            {
                current = Block(b, random, current, h, w, c, i);
                continue;
            }
            (current, h, w, c) = RandomLayers.Window(b, random, current, h, w, c, i, minHeight: 2);
        }
        b.MarkOutput(current);
        return b.Build("network");
    }

    /// <summary>An inverted-residual block on [1, h, w, c]: 1x1 expansion, k x k depthwise (SAME), 1x1 projection, ADD of the input.</summary>
    private static int Block(GraphBuilder b, Random random, int input, int h, int w, int c, int i)
    {
        var expand = c * random.Next(2, 5);
        var k = 2 * random.Next(1, 4) + 1;
        var expanded = b.Activation($"e{i}", DataType.Int8, [1, h, w, expand], Q(0.05f, random.Next(-128, 128)));
        b.AddOperator(OpKind.Conv2D, [input, RandomLayers.Weights(b, random, $"we{i}", [expand, 1, 1, c])], [expanded], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.Relu6));
        var depthwise = b.Activation($"d{i}", DataType.Int8, [1, h, w, expand], Q(0.05f, random.Next(-128, 128)));
        b.AddOperator(OpKind.DepthwiseConv2D, [expanded, RandomLayers.Weights(b, random, $"wd{i}", [1, k, k, expand])], [depthwise],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.Relu6));
        var projected = b.Activation($"p{i}", DataType.Int8, [1, h, w, c], Q(0.05f, random.Next(-128, 128)));
        b.AddOperator(OpKind.Conv2D, [depthwise, RandomLayers.Weights(b, random, $"wp{i}", [c, 1, 1, expand])], [projected], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        var sum = b.Activation($"s{i}", DataType.Int8, [1, h, w, c], Q(0.08f, random.Next(-128, 128)));
        b.AddOperator(OpKind.Add, [projected, input], [sum], new ActivationOptions(Activation.None));
        return sum;
    }
}
