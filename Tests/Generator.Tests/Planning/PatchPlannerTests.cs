using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Planning;

public class PatchPlannerTests
{
    /// <summary>
    /// Random chains of convolutions, depthwise convolutions and pools with any kernel, stride, dilation and padding,
    /// ending in a FULLY_CONNECTED, half of them fed through a RESHAPE of a flat model input: a random stage, and the
    /// stage that reduces the last map into the FULLY_CONNECTED's accumulators (its tail), each on a random grid.
    /// </summary>
    [Test]
    public void PatchedExecutionIsByteIdenticalOnRandomChains()
    {
        var random = new Random(99);
        var checkedStages = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            var flat = trial % 2 == 1;
            var graph = RandomChain(random, flat);
            var first = flat ? 1 : 0;
            var spatial = graph.Operators.Length - 1 - first;
            var candidates = PatchPlanner.Candidates(graph, Enumerable.Range(0, graph.Operators.Length).ToArray());
            Assert.That(candidates, Has.Count.EqualTo(spatial + 1), $"trial {trial}: every spatial operator ends a candidate stage, the last also with its tail");
            Assert.That(candidates[^1], Is.EqualTo(Enumerable.Range(first, spatial + 1)), $"trial {trial}: the longest stage starts after the RESHAPE and ends in the FULLY_CONNECTED");
            var prefix = candidates[random.Next(spatial)];
            foreach (var operators in new[] { prefix, candidates[^1] })
            {
                var lastPatched = graph.Operators[operators[^1]].Kind == OpKind.FullyConnected ? operators[^2] : operators[^1];
                var split = graph.Tensors[graph.Operators[lastPatched].Outputs[0]];
                var rows = random.Next(1, Math.Min(5, split.Shape[1]) + 1);
                var cols = random.Next(1, Math.Min(5, split.Shape[2]) + 1);
                var stage = PatchPlanner.Build(graph, operators, rows, cols);
                Assert.That(stage.HasTail, Is.EqualTo(operators == candidates[^1]));
                var inputs = FirmwareHarness.RandomInputs(graph, random);
                var perLayer = new ReferenceInterpreter(graph).Invoke(inputs);
                var patched = new ReferenceInterpreter(graph, patch: stage).Invoke(inputs);
                Assert.That(patched, Is.EqualTo(perLayer), $"trial {trial}: {rows}x{cols} patches until operator {stage.SplitOperator}");
                checkedStages++;
            }
        }
        Assert.That(checkedStages, Is.EqualTo(120));
    }

    /// <summary>
    /// A reduction tail by hand: an identity 1x1 depthwise layer (input scale 0.5, weight 1 at scale 1, output scale 0.5:
    /// multiplier exactly 1) on a 2x2 map, then a FULLY_CONNECTED with weights 1, 2, 3, 4, bias 6 (scale 0.5) and output
    /// scale 4. Inputs 8, 16, -8, 4: 8 + 32 - 24 + 16 + 6 = 38 at scale 0.5 = 19.0, / 4 = 4.75, rounds to 5. Run as two
    /// bands of one row, each adds its share (8 + 32 = 40, then -24 + 16 = -8) to the accumulator that starts at the bias.
    /// </summary>
    [Test]
    public void ReductionTailAddsEachBandToTheBiasAndRequantizesOnce()
    {
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 2, 2, 1], Q(0.5f, 0));
        var mid = b.Activation("mid", DataType.Int8, [1, 2, 2, 1], Q(0.5f, 0));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, b.Constant("w", DataType.Int8, [1, 1, 1, 1], new sbyte[] { 1 }, Q(1f, 0))], [mid],
            new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, 1, 1, Activation.None));
        var output = b.Activation("out", DataType.Int8, [1, 1], Q(4f, 0));
        b.AddOperator(OpKind.FullyConnected, [mid, b.Constant("fc", DataType.Int8, [1, 4], new sbyte[] { 1, 2, 3, 4 }, Q(1f, 0)),
            b.Constant("bias", DataType.Int32, [1], new[] { 6 }, Q(0.5f, 0))], [output], new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(output);
        var graph = b.Build("tail");
        var stage = PatchPlanner.Build(graph, [0, 1], 2, 1);
        Assert.That(stage.HasTail && stage.Tail == 1 && stage.ResultTensor == output, Is.True);
        var inputs = new[] { new byte[] { 8, 16, unchecked((byte)-8), 4 } };
        Assert.That(new ReferenceInterpreter(graph, patch: stage).Invoke(inputs)[0], Is.EqualTo(new byte[] { 5 }));
        var plan = MemoryPlanner.Plan(graph, PlanOptions.Default, patch: stage);
        Assert.That(plan.PatchLayout!.AccumulatorOffset, Is.GreaterThanOrEqualTo(0));
        Assert.That(plan.Buffers.Any(buffer => buffer.Tensors.Any(t => t.Tensor == mid)), Is.False, "the depthwise output has no buffer of its own");
    }

    /// <summary>A FULLY_CONNECTED that reads its input as several rows (batches) sums within each row only: not a tail.</summary>
    [Test]
    public void AFullyConnectedOverSeveralRowsIsNoTail()
    {
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 4, 4, 2], Q(0.5f, 0));
        var mid = b.Activation("mid", DataType.Int8, [1, 4, 4, 2], Q(0.5f, 0));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, b.Constant("w", DataType.Int8, [1, 1, 1, 2], new sbyte[] { 1, 1 }, Q(1f, 0))], [mid],
            new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, 1, 1, Activation.None));
        var output = b.Activation("out", DataType.Int8, [16, 3], Q(4f, 0));
        b.AddOperator(OpKind.FullyConnected, [mid, b.Constant("fc", DataType.Int8, [3, 2], new sbyte[6], Q(1f, 0))], [output],
            new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(output);
        var graph = b.Build("rows");
        Assert.That(PatchPlanner.Candidates(graph, [0, 1]), Is.EqualTo(new[] { new[] { 0 } }));
        Assert.That(() => PatchPlanner.Build(graph, [0, 1], 2, 1), Throws.InstanceOf<MicroGen.Diagnostics.UnsupportedModelException>()
            .With.Message.Contains("cannot end a patch stage"));
    }

    [Test]
    public void HaloOfA3x3Stride1ConvolutionIsOneRowEachSide()
    {
        // 8x8 input, 3x3 SAME stride 1: a 2x2 grid's top-left patch (rows 0-3, cols 0-3) reads rows 0-4, cols 0-4.
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 8, 8, 1], Q(1, 0));
        var filter = b.Constant("w", DataType.Int8, [1, 3, 3, 1], new sbyte[9], Q(1, 0));
        var output = b.Activation("out", DataType.Int8, [1, 8, 8, 1], Q(1, 0));
        b.AddOperator(OpKind.Conv2D, [input, filter], [output], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        b.MarkOutput(output);
        var stage = PatchPlanner.Build(b.Build(), [0], 2, 2);
        Assert.That(stage.Patches[0].RegionOf(stage, 0), Is.EqualTo(new PatchRegion(0, 5, 0, 5)));
        Assert.That(stage.Patches[3].RegionOf(stage, 0), Is.EqualTo(new PatchRegion(3, 8, 3, 8)));
        // 4 patches of 5x5 inputs... MACs: 64 outputs x 9 taps either way, since MACs count output pixels.
        Assert.That(stage.MacsPatched, Is.EqualTo(stage.MacsPerLayer));
    }

    [Test]
    public void AutoPlanOnABigFirstStageIsSmallerAndExact()
    {
        var graph = BigFirstStage();
        var options = PlanOptions.Default;
        var perLayer = MemoryPlanner.Plan(graph, options);
        var stage = PatchPlanner.Auto(graph, options, perLayer);
        Assert.That(stage, Is.Not.Null, "a 64x64x16 first activation should be worth patching");
        var patched = MemoryPlanner.Plan(graph, options, patch: stage);
        TestContext.Out.WriteLine($"per-layer {perLayer.ArenaBytes} bytes; {stage!.Rows}x{stage.Cols} patches after operator {stage.SplitOperator}: {patched.ArenaBytes} bytes, +{stage.MacOverhead:P1} MACs");
        Assert.That(patched.ArenaBytes, Is.LessThan(perLayer.ArenaBytes));
        Assert.That(stage.MacOverhead, Is.LessThanOrEqualTo(PatchPlanner.DefaultBudget));
        var inputs = FirmwareHarness.RandomInputs(graph, new Random(5));
        Assert.That(new ReferenceInterpreter(graph, patch: stage).Invoke(inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)));
    }

    [Test]
    [Category("Firmware")]
    public void PatchedFirmwareOnTheHostMatchesTheReference()
    {
        var graph = BigFirstStage();
        var options = PlanOptions.Default;
        var stage = PatchPlanner.Auto(graph, options, MemoryPlanner.Plan(graph, options))!;
        var plan = MemoryPlanner.Plan(graph, options, patch: stage);
        var board = FirmwareHarness.Board("host");
        var project = MicroGen.Emit.FirmwareEmitter.Emit(graph, plan, board, new MicroGen.Emit.EmitOptions("big_first_stage.tflite"));
        var folder = Directory.CreateTempSubdirectory("microgen-patch-").FullName;
        try
        {
            project.WriteTo(folder);
            var build = MicroGen.Build.FirmwareBuilder.Build(folder, board);
            var random = new Random(8);
            for (var run = 0; run < 2; run++)
            {
                var inputs = FirmwareHarness.RandomInputs(graph, random);
                var actual = FirmwareHarness.Outputs(graph, MicroGen.Run.FirmwareRunner.OnHost(build.Executable, inputs));
                Assert.That(actual, Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)), $"run {run}");
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>
    /// Reduction tails in C: four random chains (flat inputs through a RESHAPE included, 1-9 units), the stage that ends in the
    /// FULLY_CONNECTED on a random grid, built with the board's kernels and run; every output byte equals the per-layer reference.
    /// </summary>
    [TestCase("host")]
    [TestCase("mps2-an386")]
    [TestCase("nucleo-l073rz")]
    [Category("Firmware")]
    public void ReductionTailFirmwareMatchesTheReference(string boardName)
    {
        var random = new Random(boardName.Length * 31);
        var board = FirmwareHarness.Board(boardName);
        for (var chain = 0; chain < 4; chain++)
        {
            var graph = RandomChain(random, flat: chain % 2 == 0);
            TestContext.Out.WriteLine($"chain {chain}: {graph.Tensors[graph.Outputs[0]].Shape[^1]} units");
            var operators = PatchPlanner.Candidates(graph, Enumerable.Range(0, graph.Operators.Length).ToArray())[^1];
            var split = graph.Tensors[graph.Operators[operators[^2]].Outputs[0]];
            var (rows, cols) = (random.Next(1, Math.Min(4, split.Shape[1]) + 1), random.Next(1, Math.Min(4, split.Shape[2]) + 1));
            var stage = PatchPlanner.Build(graph, operators, rows, cols);
            var options = new PlanOptions(board.Target);
            var plan = MemoryPlanner.Plan(graph, options, patch: stage);
            var inputs = FirmwareHarness.RandomInputs(graph, random);
            Assert.That(FirmwareHarness.RunPlan(graph, plan, board, "tail_chain.tflite", inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)),
                $"{boardName}, chain {chain}: {rows}x{cols} patches until operator {stage.SplitNumber}");
        }
    }

    /// <summary>
    /// Two readers of one map with different halos inside a patch stage, on the optimised kernels: in -> CONV 3x3 -> t;
    /// t -> (a 1x1 CONV_2D, or a 5x5 DEPTHWISE) -> u; t -> DEPTHWISE 3x3 -> v; ADD(u, v). t's patch holds the larger
    /// halo, so the other reader's buffer starts before its window (negative padding): the pointwise kernel (input pixel
    /// i to output pixel i) and the channel-plane and pixel depthwise kernels cannot take that, and gave wrong bytes; such
    /// a layer runs on the general convolution kernel or, when its patches would need different functions, on the
    /// portable kernel. Every output byte equals the per-layer reference.
    /// </summary>
    [TestCase("host", "conv1x1")]
    [TestCase("mps2-an386", "conv1x1")]
    [TestCase("host", "depthwise5x5")]
    [TestCase("mps2-an386", "depthwise5x5")]
    [Category("Firmware")]
    public void ReadersWithDifferentHalosInAPatchStageMatchTheReference(string boardName, string reader)
    {
        var random = new Random(1);
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 24, 24, 3], Q(0.02f, -10));
        var t = b.Activation("t", DataType.Int8, [1, 24, 24, 32], Q(0.05f, 3));
        b.AddOperator(OpKind.Conv2D, [input, RandomLayers.Weights(b, random, "w1", [32, 3, 3, 3])], [t], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        var u = b.Activation("u", DataType.Int8, [1, 24, 24, 32], Q(0.05f, 1));
        if (reader == "conv1x1")
        {
            b.AddOperator(OpKind.Conv2D, [t, RandomLayers.Weights(b, random, "w2", [32, 1, 1, 32])], [u], new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        }
        else
        {
            b.AddOperator(OpKind.DepthwiseConv2D, [t, RandomLayers.Weights(b, random, "w2", [1, 5, 5, 32])], [u],
                new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.None));
        }
        var v = b.Activation("v", DataType.Int8, [1, 24, 24, 32], Q(0.06f, 2));
        b.AddOperator(OpKind.DepthwiseConv2D, [t, RandomLayers.Weights(b, random, "w3", [1, 3, 3, 32])], [v],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.None));
        var output = b.Activation("out", DataType.Int8, [1, 24, 24, 32], Q(0.1f, 0));
        b.AddOperator(OpKind.Add, [u, v], [output], new ActivationOptions(Activation.None));
        b.MarkOutput(output);
        var graph = b.Build("two_halos");
        var board = FirmwareHarness.Board(boardName);
        var target = board.Target with { Kernels = MicroGen.Ops.KernelChoice.Optimized };
        var stage = PatchPlanner.Build(graph, [0, 1, 2, 3], 2, 2);
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(target), patch: stage);
        var inputs = FirmwareHarness.RandomInputs(graph, random);
        Assert.That(FirmwareHarness.RunPlan(graph, plan, board, "two_halos.tflite", inputs, target), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)));
    }

    /// <summary>64x64x3 -> conv 3x3 (16) -> depthwise 3x3 stride 2 -> pointwise (24) -> average pool -> FC: the first activation dominates.</summary>
    private static Graph BigFirstStage()
    {
        var random = new Random(3);
        sbyte[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, 64, 64, 3], Q(0.02f, -128));
        var c1 = b.Activation("c1", DataType.Int8, [1, 64, 64, 16], Q(0.05f, -128));
        b.AddOperator(OpKind.Conv2D, [input, b.Constant("w1", DataType.Int8, [16, 3, 3, 3], Weights(432), Q(0.01f, 0))], [c1],
            new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.Relu6));
        var d2 = b.Activation("d2", DataType.Int8, [1, 32, 32, 16], Q(0.05f, -128));
        b.AddOperator(OpKind.DepthwiseConv2D, [c1, b.Constant("w2", DataType.Int8, [1, 3, 3, 16], Weights(144), Q(0.01f, 0))], [d2],
            new DepthwiseConv2DOptions(Padding.Same, 2, 2, 1, 1, 1, Activation.Relu6));
        var p3 = b.Activation("p3", DataType.Int8, [1, 32, 32, 24], Q(0.05f, -128));
        b.AddOperator(OpKind.Conv2D, [d2, b.Constant("w3", DataType.Int8, [24, 1, 1, 16], Weights(384), Q(0.01f, 0))], [p3],
            new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.Relu6));
        var pool = b.Activation("pool", DataType.Int8, [1, 1, 1, 24], Q(0.05f, -128));
        b.AddOperator(OpKind.AveragePool2D, [p3], [pool], new Pool2DOptions(Padding.Valid, 32, 32, 32, 32, Activation.None));
        var logits = b.Activation("logits", DataType.Int8, [1, 4], Q(0.1f, 0));
        b.AddOperator(OpKind.FullyConnected, [pool, b.Constant("fc", DataType.Int8, [4, 24], Weights(96), Q(0.01f, 0))], [logits],
            new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(logits);
        return b.Build("big_first_stage");
    }

    /// <summary>A chain of 1-4 spatial operators ending in a FULLY_CONNECTED; with <paramref name="flat"/> the model input is flat and a RESHAPE makes the map.</summary>
    private static Graph RandomChain(Random random, bool flat)
    {
        var b = new GraphBuilder();
        int h = random.Next(6, 20), w = random.Next(6, 20), c = random.Next(1, 5);
        var inputQuantization = Q(0.05f, random.Next(-128, 128));
        int current;
        if (flat)
        {
            var flatInput = b.Input("in", DataType.Int8, [1, h * w * c], inputQuantization);
            current = b.Activation("map", DataType.Int8, [1, h, w, c], inputQuantization);
            b.AddOperator(OpKind.Reshape, [flatInput], [current], new ReshapeOptions(new[] { 1, h, w, c }));
        }
        else
        {
            current = b.Input("in", DataType.Int8, [1, h, w, c], inputQuantization);
        }
        var ops = random.Next(1, 5);
        for (var i = 0; i < ops; i++)
        {
            (current, h, w, c) = RandomLayers.Window(b, random, current, h, w, c, i);
        }
        // A FULLY_CONNECTED (with a bias) ends the chain.
        var units = random.Next(1, 10); // the C tail takes units four at a time, then one by one
        var fcWeights = b.Constant("fc", DataType.Int8, [units, h * w * c], Enumerable.Range(0, units * h * w * c).Select(_ => (sbyte)random.Next(-127, 128)).ToArray(), Q(0.01f, 0));
        var fcBias = b.Constant("fc_bias", DataType.Int32, [units], Enumerable.Range(0, units).Select(_ => random.Next(-5000, 5000)).ToArray(), Q(0.0005f, 0));
        var logits = b.Activation("logits", DataType.Int8, [1, units], Q(0.5f, 0));
        b.AddOperator(OpKind.FullyConnected, [current, fcWeights, fcBias], [logits], new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(logits);
        return b.Build("chain");
    }
}
