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
            var project = MicroGen.Emit.FirmwareEmitter.Emit(graph, plan, board, new MicroGen.Emit.EmitOptions("streamed.tflite"));
            var folder = Directory.CreateTempSubdirectory("microgen-stream-").FullName;
            try
            {
                project.WriteTo(folder);
                var build = MicroGen.Build.FirmwareBuilder.Build(folder, board);
                var inputs = FirmwareHarness.RandomInputs(graph, random);
                var transcript = board.IsHost ? MicroGen.Run.FirmwareRunner.OnHost(build.Executable, inputs)
                    : MicroGen.Run.FirmwareRunner.OnSimulator(build.Executable, board, inputs).Transcript;
                Assert.That(FirmwareHarness.Outputs(graph, transcript), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)),
                    $"{boardName}, network {network}: {string.Join("; ", chosen)}");
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }
    }

    /// <summary>
    /// A 3x3 depthwise layer (SAME, stride 1) on 6 rows, then a 1x1 convolution, one row per band: the depthwise output's
    /// window holds one row, and its input is the full model input. Band 0 computes depthwise row 0 (reading rows 0-1),
    /// band 5 row 5. A 3x3 expansion in front of the depthwise layer needs a window of three rows.
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
            int k = random.Next(1, 6), s = random.Next(1, 3), d = random.Next(1, 3);
            var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
            int outH = Window2D.OutSize(padding, h, k, s, d), outW = Window2D.OutSize(padding, w, k, s, d);
            if (outH < 2 || outW < 1)
            {
                (k, s, d, padding, outH, outW) = (1, 1, 1, Padding.Valid, h, w);
            }
            var kind = random.Next(3);
            var outC = kind == 0 ? random.Next(1, 6) : c;
            if (kind == 2)
            {
                (outH, outW) = (Window2D.OutSize(padding, h, k, s, 1), Window2D.OutSize(padding, w, k, s, 1));
                if (outH < 2 || outW < 1)
                {
                    (k, s, padding, outH, outW) = (1, 1, Padding.Valid, h, w);
                }
            }
            var output = b.Activation($"t{i}", DataType.Int8, [1, outH, outW, outC], kind == 2 ? b.Tensors[current].Quantization : Q(0.05f, random.Next(-128, 128)));
            if (kind == 0)
            {
                b.AddOperator(OpKind.Conv2D, [current, Weights(b, random, $"w{i}", [outC, k, k, c])], [output], new Conv2DOptions(padding, s, s, d, d, Activation.None));
            }
            else if (kind == 1)
            {
                b.AddOperator(OpKind.DepthwiseConv2D, [current, Weights(b, random, $"w{i}", [1, k, k, c])], [output],
                    new DepthwiseConv2DOptions(padding, s, s, d, d, 1, Activation.Relu));
            }
            else
            {
                b.AddOperator(random.Next(2) == 0 ? OpKind.AveragePool2D : OpKind.MaxPool2D, [current], [output], new Pool2DOptions(padding, s, s, k, k, Activation.None));
            }
            (current, h, w, c) = (output, outH, outW, outC);
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
        b.AddOperator(OpKind.Conv2D, [input, Weights(b, random, $"we{i}", [expand, 1, 1, c])], [expanded], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.Relu6));
        var depthwise = b.Activation($"d{i}", DataType.Int8, [1, h, w, expand], Q(0.05f, random.Next(-128, 128)));
        b.AddOperator(OpKind.DepthwiseConv2D, [expanded, Weights(b, random, $"wd{i}", [1, k, k, expand])], [depthwise],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.Relu6));
        var projected = b.Activation($"p{i}", DataType.Int8, [1, h, w, c], Q(0.05f, random.Next(-128, 128)));
        b.AddOperator(OpKind.Conv2D, [depthwise, Weights(b, random, $"wp{i}", [c, 1, 1, expand])], [projected], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        var sum = b.Activation($"s{i}", DataType.Int8, [1, h, w, c], Q(0.08f, random.Next(-128, 128)));
        b.AddOperator(OpKind.Add, [projected, input], [sum], new ActivationOptions(Activation.None));
        return sum;
    }

    private static int Weights(GraphBuilder b, Random random, string name, int[] shape) =>
        b.Constant(name, DataType.Int8, shape, Enumerable.Range(0, shape.Aggregate(1, (x, y) => x * y)).Select(_ => (sbyte)random.Next(-127, 128)).ToArray(), Q(0.01f, 0));
}
