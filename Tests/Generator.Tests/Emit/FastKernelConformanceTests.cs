using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Ops.Common;
using MicroGen.Planning;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Emit;

/// <summary>
/// The optimised kernels (Runtime.C/include/mg_fast.h) against the reference interpreter, built for each core and run where
/// that core runs: the host build (portable C), Cortex-M0+ and M3 (portable C) and Cortex-M4 and M7 (DSP) in the
/// simulator. One graph per run holds many random CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED layers side by side:
/// shapes, strides, dilations, SAME/VALID/explicit padding, depth multipliers, zero points including -128 and 127,
/// per-channel scales (negative ones, dead channels, multipliers above one), huge biases (the exact requantization
/// variant), all activations. Every output byte must match, with and without in-place and streamed storage.
/// </summary>
[Category("Firmware")]
public class FastKernelConformanceTests
{
    [TestCase("host", 1)]
    [TestCase("mps2-an386", 2)]
    [TestCase("stm32f746g-disco", 3)]
    [TestCase("mps2-an385", 4)]
    [TestCase("nucleo-l073rz", 5)]
    public void RandomLayersMatchTheReference(string boardName, int seed)
    {
        var random = new Random(seed * 7919);
        var board = FirmwareHarness.Board(boardName);
        var small = board.TotalRamBytes < 64 * 1024;
        var graph = RandomLayers(random, small ? 4 : 10, small);
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)FirmwareHarness.RandomInputs(graph, random)).ToList();
        var fast = 0;
        foreach (var inPlace in new[] { true, false })
        {
            var (results, functions) = Run(graph, board, inputSets, inPlace);
            fast = functions.Count(f => f.Contains("_fast", StringComparison.Ordinal) || f.Contains("_dsp", StringComparison.Ordinal));
            TestContext.Out.WriteLine($"{boardName}, in place {inPlace}: " + string.Join(", ", functions.GroupBy(f => f).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
            for (var run = 0; run < inputSets.Count; run++)
            {
                var expected = new ReferenceInterpreter(graph).Invoke(inputSets[run]);
                for (var o = 0; o < expected.Length; o++)
                {
                    Assert.That(results[run][o], Is.EqualTo(expected[o]),
                        $"{boardName}, layer {o} ({functions[o]}), run {run}, in place {inPlace}: {graph.Operators[o].Options}");
                }
            }
        }
        Assert.That(fast, Is.GreaterThan(graph.Operators.Length / 2), "most layers should run on the optimised kernels");
    }

    /// <summary>Plans with in-place sharing on or off, lowers to the optimised kernels wherever they apply, builds, runs.</summary>
    private static (List<byte[][]> Results, List<string> Functions) Run(Graph graph, Board board, IReadOnlyList<IReadOnlyList<byte[]>> inputSets,
        bool inPlace)
    {
        var target = board.Target.WithKernels(KernelChoice.Optimized);
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(target, InPlace: inPlace));
        var functions = plan.Steps.Select(s =>
        {
            var op = graph.Operators[s.Operator];
            var definition = OperatorRegistry.Default.For(op);
            var ctx = new OpContext(graph, op);
            return definition.Lower(ctx, definition.Prepare(ctx), s.Storage, target).Function + (s.Storage.Mode == StorageMode.Separate ? "" : $" ({s.Storage.Mode})");
        }).ToList();
        var byOperator = plan.Steps.Select((s, i) => (s.Operator, Function: functions[i])).OrderBy(x => x.Operator).Select(x => x.Function).ToList();
        var project = FirmwareEmitter.Emit(graph, plan, board, new EmitOptions("fast_kernels.tflite", Target: target));
        var folder = Directory.CreateTempSubdirectory("microgen-fast-").FullName;
        try
        {
            project.WriteTo(folder);
            var build = FirmwareBuilder.Build(folder, board);
            var results = inputSets.Select(inputs => FirmwareHarness.Outputs(graph, board.IsHost
                ? FirmwareRunner.OnHost(build.Executable, inputs)
                : FirmwareRunner.OnSimulator(build.Executable, board, inputs).Transcript)).ToList();
            return (results, byOperator);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Layers of each kind, each with its own input and output (the graph's outputs, in operator order).</summary>
    private static Graph RandomLayers(Random random, int perKind, bool small)
    {
        var b = new GraphBuilder();
        for (var i = 0; i < perKind; i++)
        {
            Conv(b, random, small);
            Depthwise(b, random, small, square3: false);
            Depthwise(b, random, small, square3: true); // the specialised 3x3 kernels (k3s1, k3s2)
            Depthwise(b, random, small, square3: false, shape: DepthwiseShape.Narrow); // pixel-order kernel
            Depthwise(b, random, small, square3: false, shape: DepthwiseShape.OneChannel); // run as a convolution
            FullyConnected(b, random, small);
        }
        return b.Build("fast_kernels");
    }

    private static void Conv(GraphBuilder b, Random random, bool small)
    {
        var max = small ? 6 : 10;
        int inH = random.Next(1, max), inW = random.Next(1, max), inC = random.Next(1, small ? 6 : 11);
        int kH = random.Next(1, 5), kW = random.Next(1, 5), sH = random.Next(1, 4), sW = random.Next(1, 4);
        int dH = random.Next(1, 3), dW = random.Next(1, 3);
        if (random.Next(3) == 0)
        {
            (kH, kW, sH, sW, dH, dW) = (1, 1, 1, 1, 1, 1); // pointwise: also the streamed case
        }
        var (padding, explicitPad, outH, outW) = Window(random, inH, inW, kH, kW, sH, sW, dH, dW);
        var outC = random.Next(1, small ? 7 : 12);
        var (inQ, outQ) = (ActivationQ(random), ActivationQ(random));
        var input = b.Input($"conv{b.Tensors.Count}_in", DataType.Int8, [1, inH, inW, inC], inQ);
        var filter = b.Constant($"conv{b.Tensors.Count}_w", DataType.Int8, [outC, kH, kW, inC], Weights(random, outC, kH * kW * inC),
            Channels(random, outC, 0, inQ, outQ));
        var bias = b.Constant($"conv{b.Tensors.Count}_b", DataType.Int32, [outC], Biases(random, outC));
        var output = b.Activation($"conv{b.Tensors.Count}_out", DataType.Int8, [1, outH, outW, outC], outQ);
        b.AddOperator(OpKind.Conv2D, [input, filter, bias], [output], new Conv2DOptions(padding, sH, sW, dH, dW, RandomActivation(random), explicitPad));
        b.MarkOutput(output);
    }

    private enum DepthwiseShape
    {
        Any,

        /// <summary>One or two columns, many channels (not always a multiple of 4), multiplier 1.</summary>
        Narrow,

        /// <summary>One input channel, multiplier 1 to 9.</summary>
        OneChannel,
    }

    private static void Depthwise(GraphBuilder b, Random random, bool small, bool square3, DepthwiseShape shape = DepthwiseShape.Any)
    {
        var max = small ? 7 : 12;
        int inH = random.Next(1, max), inW = random.Next(1, max), inC = random.Next(1, small ? 5 : 9);
        if (shape == DepthwiseShape.Narrow)
        {
            (inH, inW, inC) = (random.Next(1, small ? 10 : 20), random.Next(1, 3), random.Next(1, small ? 19 : 43));
        }
        else if (shape == DepthwiseShape.OneChannel)
        {
            inC = 1;
        }
        var k = new[] { 1, 2, 3, 3, 3, 4, 5, 5, 7, 7 };
        int kH = k[random.Next(k.Length)], kW = random.Next(3) == 0 ? k[random.Next(k.Length)] : kH;
        int sH = random.Next(1, 3), sW = random.Next(3) == 0 ? random.Next(1, 4) : sH;
        int dH = random.Next(4) == 0 ? 2 : 1, dW = random.Next(4) == 0 ? 2 : 1;
        if (shape == DepthwiseShape.Narrow && random.Next(2) == 0)
        {
            (kW, sW, dW) = (1, 1, 1); // a column filter, as in keyword-spotting models
        }
        if (square3)
        {
            (kH, kW, sW, dW) = (3, 3, sH, 1);
        }
        var (padding, explicitPad, outH, outW) = Window(random, inH, inW, kH, kW, sH, sW, dH, dW);
        var multiplier = shape switch
        {
            DepthwiseShape.Narrow => 1,
            DepthwiseShape.OneChannel => random.Next(1, 10),
            _ => random.Next(4) == 0 ? random.Next(2, 4) : 1,
        };
        var outC = inC * multiplier;
        var (inQ, outQ) = (ActivationQ(random), ActivationQ(random));
        var input = b.Input($"dw{b.Tensors.Count}_in", DataType.Int8, [1, inH, inW, inC], inQ);
        var taps = Weights(random, outC, kH * kW);
        var transposed = new sbyte[taps.Length]; // [1][kH][kW][outC] from per-channel rows
        for (var c = 0; c < outC; c++)
        {
            for (var t = 0; t < kH * kW; t++)
            {
                transposed[t * outC + c] = taps[c * kH * kW + t];
            }
        }
        var filter = b.Constant($"dw{b.Tensors.Count}_w", DataType.Int8, [1, kH, kW, outC], transposed, Channels(random, outC, 3, inQ, outQ));
        var bias = b.Constant($"dw{b.Tensors.Count}_b", DataType.Int32, [outC], Biases(random, outC));
        var output = b.Activation($"dw{b.Tensors.Count}_out", DataType.Int8, [1, outH, outW, outC], outQ);
        b.AddOperator(OpKind.DepthwiseConv2D, [input, filter, bias], [output],
            new DepthwiseConv2DOptions(padding, sH, sW, dH, dW, multiplier, RandomActivation(random), explicitPad));
        b.MarkOutput(output);
    }

    private static void FullyConnected(GraphBuilder b, Random random, bool small)
    {
        int batches = random.Next(1, 4), depth = random.Next(1, small ? 40 : 90), units = random.Next(1, small ? 10 : 14);
        var perChannel = random.Next(2) == 0;
        var (inQ, outQ) = (ActivationQ(random), ActivationQ(random));
        var filterQ = perChannel ? Channels(random, units, 0, inQ, outQ)
            : Q(Scale(random, inQ, outQ), random.Next(5) == 0 ? random.Next(-3, 4) : 0);
        var input = b.Input($"fc{b.Tensors.Count}_in", DataType.Int8, [batches, depth], inQ);
        var filter = b.Constant($"fc{b.Tensors.Count}_w", DataType.Int8, [units, depth], Weights(random, units, depth), filterQ);
        var hasBias = random.Next(4) > 0;
        var bias = hasBias ? b.Constant($"fc{b.Tensors.Count}_b", DataType.Int32, [units], Biases(random, units)) : -1;
        var output = b.Activation($"fc{b.Tensors.Count}_out", DataType.Int8, [batches, units], outQ);
        b.AddOperator(OpKind.FullyConnected, hasBias ? [input, filter, bias] : [input, filter], [output],
            new FullyConnectedOptions(RandomActivation(random), false));
        b.MarkOutput(output);
    }

    /// <summary>SAME, VALID or explicit padding (up to 3 per side) with at least one output pixel each way.</summary>
    private static (Padding, ExplicitPadding?, int OutH, int OutW) Window(Random random, int inH, int inW, int kH, int kW, int sH, int sW, int dH, int dW)
    {
        while (true)
        {
            var choice = random.Next(3);
            if (choice == 2)
            {
                var e = new ExplicitPadding(random.Next(4), random.Next(4), random.Next(4), random.Next(4));
                int outH = Window2D.OutSize(Padding.Valid, inH + e.Top + e.Bottom, kH, sH, dH);
                int outW = Window2D.OutSize(Padding.Valid, inW + e.Left + e.Right, kW, sW, dW);
                if (outH > 0 && outW > 0)
                {
                    return (Padding.Valid, e, outH, outW);
                }
                continue;
            }
            var padding = choice == 0 ? Padding.Same : Padding.Valid;
            int h = Window2D.OutSize(padding, inH, kH, sH, dH), w = Window2D.OutSize(padding, inW, kW, sW, dW);
            if (h > 0 && w > 0)
            {
                return (padding, null, h, w);
            }
            (padding, h, w) = (Padding.Same, Window2D.OutSize(Padding.Same, inH, kH, sH, dH), Window2D.OutSize(Padding.Same, inW, kW, sW, dW));
            return (padding, null, h, w);
        }
    }

    /// <summary>Per-channel weights; some channels all zero (their output is a constant), some with a -128.</summary>
    private static sbyte[] Weights(Random random, int channels, int taps)
    {
        var w = new sbyte[channels * taps];
        for (var c = 0; c < channels; c++)
        {
            var kind = random.Next(10);
            for (var t = 0; t < taps; t++)
            {
                w[c * taps + t] = kind == 0 ? (sbyte)0 : kind == 1 && t == 0 ? sbyte.MinValue : (sbyte)random.Next(-127, 128);
            }
        }
        return w;
    }

    /// <summary>
    /// Per-channel filter scales along the axis, as ratios to output scale / input scale (the requantization multiplier):
    /// mostly 2^-12 to 2^-4; often 1/4 to 1 (right shifts of 1 or 2, where rounding ties are frequent); some negative, some
    /// tiny (output stuck at the zero point); rarely above one (a left shift: the exact variant).
    /// </summary>
    /// <remarks>
    /// One layer in three has only multipliers in [1/4, 1/2) (a right shift of exactly 1, so half the accumulators are
    /// rounding ties), some negative: any channel at 1/2 or above sends a whole layer to the exact variant, so mixed layers
    /// rarely test the fast requantization's ties.
    /// </remarks>
    private static Quantization Channels(Random random, int channels, int axis, Quantization input, Quantization output)
    {
        var ties = random.Next(3) == 0;
        return PerChannel(Enumerable.Range(0, channels)
            .Select(_ => ties
                ? (float)((random.Next(4) == 0 ? -1 : 1) * (0.25 + random.NextDouble() * 0.24) * output.Scale / input.Scale)
                : Scale(random, input, output))
            .ToArray(), axis);
    }

    private static float Scale(Random random, Quantization input, Quantization output)
    {
        var ratio = random.Next(40) switch
        {
            0 => 1.5 + random.NextDouble() * 3,
            1 or 2 => 1e-9 * (1 + random.NextDouble()),
            3 or 4 or 5 => -Math.Pow(2, -12 + random.NextDouble() * 8),
            >= 6 and < 18 => 0.25 + random.NextDouble() * 0.75,
            _ => Math.Pow(2, -12 + random.NextDouble() * 8),
        };
        return (float)(ratio * output.Scale / input.Scale);
    }

    /// <summary>Mostly moderate biases; rarely one near ±2^30 (beyond what the fast requantization may take).</summary>
    private static int[] Biases(Random random, int channels) =>
        Enumerable.Range(0, channels).Select(_ => random.Next(60) == 0 ? random.Next(2) == 0 ? 1 << 30 : -(1 << 30) : random.Next(-30000, 30000)).ToArray();

    private static Quantization ActivationQ(Random random) =>
        Q((float)(0.005 + random.NextDouble() * 0.1), random.Next(4) switch { 0 => -128, 1 => 127, _ => random.Next(-128, 128) });

    private static Activation RandomActivation(Random random) =>
        new[] { Activation.None, Activation.None, Activation.Relu, Activation.Relu6, Activation.ReluN1To1 }[random.Next(5)];
}
