using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Emit;

/// <summary>
/// The activation C kernels (Runtime.C mg_activation_kernels.h) against the reference interpreter: per operator, many
/// random layer configurations (types, shapes, quantization, options) side by side in one graph, inputs covering every
/// integer value and special floats, every output compared to the byte. On the host with several seeds, in place and
/// not; on Cortex-M4F (mps2-an386) and Cortex-M3 without FPU (mps2-an385) under QEMU; on the Cortex-M0+ nucleo-l073rz
/// in the simulator. The expected bytes always come from the reference interpreter.
/// </summary>
[Category("Firmware")]
public class ActivationKernelConformanceTests
{
    private const int Cases = 16;

    public static IEnumerable<TestCaseData> HostCases =>
        Operators.SelectMany(op => new[] { 1, 2, 3 }.Select(seed => new TestCaseData(op, seed).SetName($"Host_{op}_seed{seed}")));

    public static IEnumerable<TestCaseData> BoardCases => Operators.Select(op => new TestCaseData(op).SetName($"Boards_{op}"));

    private static readonly string[] Operators = ["quantize", "dequantize", "relu", "leaky_relu", "hard_swish", "logistic", "tanh", "softmax", "prelu", "lstm"];

    private static Graph Generate(string op, Random random) => op switch
    {
        "quantize" => Quantize(random),
        "dequantize" => Dequantize(random),
        "relu" => Relu(random),
        "leaky_relu" => LeakyRelu(random),
        "hard_swish" => HardSwish(random),
        "logistic" => LogisticOrTanh(random, OpKind.Logistic),
        "tanh" => LogisticOrTanh(random, OpKind.Tanh),
        "softmax" => Softmax(random),
        "prelu" => Prelu(random),
        "lstm" => Lstm(random),
        _ => throw new ArgumentException(op),
    };

    [TestCaseSource(nameof(HostCases))]
    public void HostFirmwareEqualsTheReference(string op, int seed)
    {
        var random = new Random(seed * 7919 + op.Length);
        var graph = SideBySide(op, random);
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)SideBySideGraph.Inputs(graph, random, specials: true)).ToList();
        foreach (var inPlace in new[] { true, false })
        {
            var results = FirmwareHarness.RunOnHost(graph, op, inputSets, inPlace);
            for (var run = 0; run < inputSets.Count; run++)
            {
                AssertEqualsReference(graph, inputSets[run], results[run], $"{op} seed {seed} run {run} in place {inPlace}");
            }
        }
        var shared = MicroGen.Planning.MemoryPlanner.Plan(graph, MicroGen.Planning.PlanOptions.Default).Steps
            .Count(s => s.Storage.Mode == StorageMode.InPlace);
        TestContext.Out.WriteLine($"{op} seed {seed}: {graph.Operators.Length} layers, {shared} computed in place");
    }

    [TestCaseSource(nameof(BoardCases))]
    public void CortexMFirmwareEqualsTheReference(string op)
    {
        var random = new Random(op.Length * 104729 + 11);
        var graph = SideBySide(op, random);
        var inputs = SideBySideGraph.Inputs(graph, random, specials: true);
        foreach (var boardName in new[] { "mps2-an386", "mps2-an385" })
        {
            var (folder, build) = FirmwareHarness.Build(graph, boardName, op);
            try
            {
                var transcript = FirmwareRunner.OnQemu(build.Executable, FirmwareHarness.Board(boardName), inputs);
                AssertEqualsReference(graph, inputs, FirmwareHarness.Outputs(graph, transcript), $"{op} on {boardName} under QEMU", armDefaultNaN: true);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        var (m0Folder, m0Build) = FirmwareHarness.Build(graph, "nucleo-l073rz", op, inputs);
        try
        {
            var simulated = FirmwareRunner.OnSimulator(m0Build.Executable, FirmwareHarness.Board("nucleo-l073rz"), inputs);
            AssertEqualsReference(graph, inputs, FirmwareHarness.Outputs(graph, simulated.Transcript), $"{op} on nucleo-l073rz in the simulator", armDefaultNaN: true);
        }
        finally
        {
            Directory.Delete(m0Folder, recursive: true);
        }
    }

    /// <summary>
    /// Every output byte equal to the reference's. With <paramref name="armDefaultNaN"/>, a float NaN that an invalid
    /// operation creates (infinity - infinity in SOFTMAX) may be ARM's default NaN 0x7FC00000 where the reference,
    /// run on x86, has x86's 0xFFC00000: the one difference between the architectures' IEEE arithmetic.
    /// </summary>
    public static IEnumerable<TestCaseData> PatchCases =>
        new[] { OpKind.Quantize, OpKind.Relu, OpKind.Relu6, OpKind.ReluN1To1, OpKind.LeakyRelu, OpKind.HardSwish, OpKind.Logistic, OpKind.Tanh }
            .Select(kind => new TestCaseData(kind).SetName($"Patched_{kind}"));

    /// <summary>
    /// An int8 activation inside a patch stage, where its input is also read with a halo by a depthwise convolution:
    /// in -> CONV 3x3 -> t; t -> activation -> u; t -> DEPTHWISE 3x3 -> v; MUL(u, v), the split. Each patch of t holds a
    /// larger rectangle than u's patch, so the activation reads a window of it. Patched reference and host firmware
    /// equal the per-layer reference.
    /// </summary>
    [TestCaseSource(nameof(PatchCases))]
    public void ActivationsRunPatchByPatch(OpKind kind)
    {
        var random = new Random((int)kind * 31 + 5);
        var graph = PatchGraph(random, kind);
        GraphValidator.Validate(graph);
        var stage = MicroGen.Planning.Patches.PatchPlanner.Build(graph, [0, 1, 2, 3], 3, 2);
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)SideBySideGraph.Inputs(graph, random, specials: false)).ToList();
        foreach (var inputs in inputSets)
        {
            Assert.That(new ReferenceInterpreter(graph, patch: stage).Invoke(inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)), "patched reference");
        }
        var board = FirmwareHarness.Board("host");
        var plan = MicroGen.Planning.MemoryPlanner.Plan(graph, new MicroGen.Planning.PlanOptions(board.Target), patch: stage);
        var project = MicroGen.Emit.FirmwareEmitter.Emit(graph, plan, board, new MicroGen.Emit.EmitOptions($"patched_{kind}.tflite"));
        var folder = Directory.CreateTempSubdirectory("microgen-patch-").FullName;
        try
        {
            project.WriteTo(folder);
            var build = MicroGen.Build.FirmwareBuilder.Build(folder, board);
            foreach (var inputs in inputSets)
            {
                AssertEqualsReference(graph, inputs, FirmwareHarness.Outputs(graph, FirmwareRunner.OnHost(build.Executable, inputs)), $"{kind} in a patch stage");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Graph PatchGraph(Random random, OpKind kind)
    {
        sbyte[] Weights(int count) => Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        const int height = 10, width = 9, channels = 6;
        int[] shape = [1, height, width, channels];
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, height, width, 3], Q(0.02f, -10));
        var tQ = Q(0.05f, 3);
        var t = b.Activation("t", DataType.Int8, shape, tQ);
        b.AddOperator(OpKind.Conv2D, [input, b.Constant("w1", DataType.Int8, [channels, 3, 3, 3], Weights(channels * 27), Q(0.01f, 0))], [t],
            new Conv2DOptions(Padding.Same, 1, 1, 1, 1, Activation.None));
        var (uQ, options) = kind switch
        {
            OpKind.Logistic => (Q(1f / 256, -128), (OperatorOptions?)null),
            OpKind.Tanh => (Q(1f / 128, 0), null),
            OpKind.LeakyRelu => (Q(0.04f, -20), new LeakyReluOptions(0.2f)),
            OpKind.HardSwish => (Q(0.03f, -40), null),
            _ => (Q(0.045f, -7), null),
        };
        var u = b.Activation("u", DataType.Int8, shape, uQ);
        b.AddOperator(kind, [t], [u], options);
        var v = b.Activation("v", DataType.Int8, shape, Q(0.06f, 2));
        b.AddOperator(OpKind.DepthwiseConv2D, [t, b.Constant("w2", DataType.Int8, [1, 3, 3, channels], Weights(9 * channels), Q(0.02f, 0))], [v],
            new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.None));
        var output = b.Activation("out", DataType.Int8, shape, Q(0.1f, 0));
        b.AddOperator(OpKind.Mul, [u, v], [output], new ActivationOptions(Activation.None));
        b.MarkOutput(output);
        return b.Build($"patched_{kind}");
    }

    private static void AssertEqualsReference(Graph graph, IReadOnlyList<byte[]> inputs, byte[][] actual, string what, bool armDefaultNaN = false)
    {
        var expected = new ReferenceInterpreter(graph).Invoke(inputs);
        for (var o = 0; o < expected.Length; o++)
        {
            if (armDefaultNaN && graph.Tensors[graph.Outputs[o]].Type == DataType.Float32)
            {
                var e = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(expected[o]).ToArray();
                var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(actual[o]).ToArray();
                if (e.Length == a.Length && Enumerable.Range(0, e.Length).All(i => e[i] == a[i] || (e[i] == 0xFFC00000u && a[i] == 0x7FC00000u)))
                {
                    continue;
                }
            }
            var op = graph.Operators.First(x => x.Outputs.Contains(graph.Outputs[o]));
            var first = Enumerable.Range(0, expected[o].Length).FirstOrDefault(i => actual[o][i] != expected[o][i], -1);
            Assert.That(actual[o], Is.EqualTo(expected[o]),
                $"{what}: output {o} ({op.Kind.DisplayName()} {string.Join(" ", op.Inputs.Where(i => i >= 0).Take(1).Select(i => Describe(graph.Tensors[i])))} -> "
                + $"{Describe(graph.Tensors[graph.Outputs[o]])} {op.Options}), first difference at byte {first}");
        }
    }

    private static string Describe(Tensor t) =>
        $"{t.Type.DisplayName()}{t.ShapeText}" + (t.Quantization is { } q ? $" scale {q.Scale:R} zero point {q.ZeroPoint}" : "");

    /// <summary><see cref="Cases"/> valid random layers of one operator side by side.</summary>
    private static Graph SideBySide(string op, Random random)
    {
        var builder = new GraphBuilder();
        var made = 0;
        var attempts = 0;
        while (made < Cases)
        {
            if (++attempts > 1000)
            {
                throw new InvalidOperationException($"{op}: too few valid random layers");
            }
            var layer = Generate(op, random);
            try
            {
                GraphValidator.Validate(layer);
            }
            catch (UnsupportedModelException)
            {
                continue;
            }
            SideBySideGraph.Append(builder, layer);
            made++;
        }
        return builder.Build(op);
    }

    private static int[] RandomShape(Random random, int maxRank = 4)
    {
        var rank = random.Next(1, maxRank + 1);
        var shape = Enumerable.Range(0, rank).Select(_ => random.Next(1, 7)).ToArray();
        if (rank == 4)
        {
            shape[0] = 1;
        }
        return shape;
    }

    private static float Scale(Random random, double min = 0.001, double max = 0.5) =>
        (float)Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));

    private static int ZeroPoint(Random random, DataType type) => type switch
    {
        DataType.Int8 => random.Next(4) == 0 ? -128 : random.Next(-128, 128),
        DataType.UInt8 => random.Next(0, 256),
        DataType.Int16 => random.Next(3) == 0 ? random.Next(-1000, 1000) : 0,
        _ => 0,
    };

    private static Quantization? RandomQ(Random random, DataType type, bool zeroPointZero = false) =>
        type == DataType.Float32 ? null : Q(Scale(random), zeroPointZero ? 0 : ZeroPoint(random, type));

    /// <summary>One unary operator from a fresh input to a marked output.</summary>
    private static Graph Unary(OpKind kind, DataType inputType, Quantization? inputQ, DataType outputType, Quantization? outputQ, int[] shape,
        OperatorOptions? options = null)
    {
        var b = new GraphBuilder();
        var input = b.Input("in", inputType, shape, inputQ);
        var output = b.Activation("out", outputType, shape, outputQ);
        b.AddOperator(kind, [input], [output], options);
        b.MarkOutput(output);
        return b.Build(kind.DisplayName());
    }

    private static Graph Quantize(Random random)
    {
        (DataType In, DataType Out)[] pairs =
        [
            (DataType.Float32, DataType.Int8), (DataType.Float32, DataType.Int16),
            (DataType.Int8, DataType.Int8), (DataType.Int8, DataType.UInt8), (DataType.Int8, DataType.Int16), (DataType.Int8, DataType.Int32),
            (DataType.Int16, DataType.Int8), (DataType.Int16, DataType.Int16), (DataType.Int16, DataType.Int32),
            (DataType.UInt8, DataType.Int8), (DataType.Int32, DataType.Int8), (DataType.Int32, DataType.Int16),
        ];
        var (inType, outType) = pairs[random.Next(pairs.Length)];
        var inQ = inType == DataType.Int32 ? Q(Scale(random, 1e-5, 1e-3), 0) : RandomQ(random, inType);
        var outQ = Q(inType == DataType.Float32 && random.Next(3) == 0 ? 1f / (1 << random.Next(1, 9)) : Scale(random), ZeroPoint(random, outType));
        return Unary(OpKind.Quantize, inType, inQ, outType, outQ, RandomShape(random));
    }

    private static Graph Dequantize(Random random)
    {
        var type = new[] { DataType.Int8, DataType.Int16, DataType.UInt8 }[random.Next(3)];
        return Unary(OpKind.Dequantize, type, RandomQ(random, type), DataType.Float32, null, RandomShape(random));
    }

    private static Graph Relu(Random random)
    {
        var kind = new[] { OpKind.Relu, OpKind.Relu6, OpKind.ReluN1To1 }[random.Next(3)];
        var types = kind == OpKind.ReluN1To1 ? new[] { DataType.Float32, DataType.Int8 } : [DataType.Float32, DataType.Int8, DataType.Int16];
        var type = types[random.Next(types.Length)];
        var inQ = type == DataType.Float32 ? null : Q(Scale(random, 0.002, 0.1), type == DataType.Int16 ? 0 : ZeroPoint(random, type));
        var outQ = type == DataType.Float32 ? null : Q(Scale(random, 0.002, 0.1), type == DataType.Int16 ? 0 : ZeroPoint(random, type));
        return Unary(kind, type, inQ, type, outQ, RandomShape(random));
    }

    private static Graph LeakyRelu(Random random)
    {
        var type = new[] { DataType.Float32, DataType.Int8, DataType.Int16 }[random.Next(3)];
        var alpha = random.Next(4) == 0 ? (float)(random.NextDouble() * 4 - 2) : (float)(random.NextDouble() * 0.5);
        return Unary(OpKind.LeakyRelu, type, RandomQ(random, type), type, RandomQ(random, type), RandomShape(random), new LeakyReluOptions(alpha));
    }

    private static Graph HardSwish(Random random)
    {
        var type = random.Next(3) == 0 ? DataType.Float32 : DataType.Int8;
        var inQ = RandomQ(random, type);
        var outQ = type == DataType.Float32 ? null : Q(inQ!.Scale * (float)(0.02 + random.NextDouble() * 2), ZeroPoint(random, type));
        return Unary(OpKind.HardSwish, type, inQ, type, outQ, RandomShape(random));
    }

    private static Graph LogisticOrTanh(Random random, OpKind kind)
    {
        var type = new[] { DataType.Float32, DataType.Int8, DataType.Int16 }[random.Next(3)];
        Quantization? inQ = null;
        Quantization? outQ = null;
        if (type == DataType.Int8)
        {
            inQ = Q(Scale(random, 0.005, 0.2), ZeroPoint(random, type));
            outQ = kind == OpKind.Logistic ? Q(1f / 256, -128) : Q(1f / 128, 0);
        }
        else if (type == DataType.Int16)
        {
            inQ = Q(random.Next(2) == 0 ? 1f / (1 << random.Next(10, 14)) : Scale(random, 1e-4, 2e-3), 0);
            outQ = Q(1f / 32768, 0);
        }
        return Unary(kind, type, inQ, type, outQ, RandomShape(random));
    }

    private static Graph Softmax(Random random)
    {
        var variant = random.Next(4);
        var (inType, outType, outQ) = variant switch
        {
            0 => (DataType.Int8, DataType.Int8, Q(1f / 256, -128)),
            1 => (DataType.Int8, DataType.Int16, Q(1f / 65536, -32768)),
            2 => (DataType.Int16, DataType.Int16, Q(1f / 32768, 0)),
            _ => (DataType.Float32, DataType.Float32, (Quantization?)null),
        };
        var inQ = inType switch
        {
            DataType.Int8 => Q(Scale(random, 0.01, 0.3), ZeroPoint(random, inType)),
            DataType.Int16 => Q(Scale(random, 1e-4, 1e-3), 0),
            _ => null,
        };
        var shape = RandomShape(random, 3);
        shape[^1] = random.Next(1, 40);
        var beta = random.Next(3) == 0 ? 1f : (float)(0.3 + random.NextDouble() * 2);
        return Unary(OpKind.Softmax, inType, inQ, outType, outQ, shape, new SoftmaxOptions(beta));
    }

    private static Graph Prelu(Random random)
    {
        var type = new[] { DataType.Float32, DataType.Int8, DataType.Int16 }[random.Next(3)];
        var inputShape = RandomShape(random);
        var alphaRank = random.Next(1, inputShape.Length + 1);
        var alphaShape = inputShape[^alphaRank..].Select(d => random.Next(2) == 0 ? 1 : d).ToArray();
        var alphaType = type == DataType.Float32 ? DataType.Float32 : DataType.Int8;
        var alphaCount = alphaShape.Aggregate(1, (a, d) => a * d);
        var b = new GraphBuilder();
        var input = b.Input("in", type, inputShape, RandomQ(random, type));
        var alphaQ = type == DataType.Float32 ? null : Q(Scale(random, 0.002, 0.02), ZeroPoint(random, DataType.Int8));
        var alpha = type == DataType.Float32
            ? b.Constant("alpha", alphaType, alphaShape, Enumerable.Range(0, alphaCount).Select(_ => (float)(random.NextDouble() * 3 - 1)).ToArray())
            : b.Constant("alpha", alphaType, alphaShape, Enumerable.Range(0, alphaCount).Select(_ => (sbyte)random.Next(-128, 128)).ToArray(), alphaQ);
        var output = b.Activation("out", type, inputShape, RandomQ(random, type));
        b.AddOperator(OpKind.Prelu, [input, alpha], [output]);
        b.MarkOutput(output);
        return b.Build("prelu");
    }

    /// <summary>float32 LSTM: weights and biases in [-0.5, 0.5), random clip.</summary>
    private static Graph FloatLstm(Random random)
    {
        int batch = random.Next(1, 4), steps = random.Next(1, 5), inputSize = random.Next(1, 9), stateSize = random.Next(1, 9);
        var timeMajor = random.Next(2) == 0;
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, timeMajor ? [steps, batch, inputSize] : [batch, steps, inputSize]);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var inputWeights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_in{i}", DataType.Float32, [stateSize, inputSize], Values(stateSize * inputSize))).ToArray();
        var recurrentWeights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_rec{i}", DataType.Float32, [stateSize, stateSize], Values(stateSize * stateSize))).ToArray();
        var biases = Enumerable.Range(0, 4).Select(i => b.Constant($"bias{i}", DataType.Float32, [stateSize], Values(stateSize))).ToArray();
        var hidden = b.Variable("hidden_state", DataType.Float32, [batch, stateSize]);
        var cell = b.Variable("cell_state", DataType.Float32, [batch, stateSize]);
        var output = b.Activation("output", DataType.Float32, timeMajor ? [steps, batch, stateSize] : [batch, steps, stateSize]);
        var cellClip = random.Next(2) == 0 ? 0f : (float)(0.5 + random.NextDouble() * 2);
        b.AddOperator(OpKind.UnidirectionalSequenceLstm,
        [
            input, inputWeights[0], inputWeights[1], inputWeights[2], inputWeights[3],
            recurrentWeights[0], recurrentWeights[1], recurrentWeights[2], recurrentWeights[3], -1, -1, -1,
            biases[0], biases[1], biases[2], biases[3], -1, -1, hidden, cell, -1, -1, -1, -1,
        ],
        [output], new LstmOptions(Activation.Tanh, cellClip, 0, timeMajor));
        b.MarkOutput(output);
        return b.Build("lstm_f32");
    }

    /// <summary>
    /// int8 LSTM with int16 cell state (power-of-two cell scale), random weights, biases, zero points, clip; or, one time
    /// in three, a float32 LSTM.
    /// </summary>
    private static Graph Lstm(Random random)
    {
        if (random.Next(3) == 0)
        {
            return FloatLstm(random);
        }
        int batch = random.Next(1, 4), steps = random.Next(1, 5), inputSize = random.Next(1, 9), stateSize = random.Next(1, 9);
        var timeMajor = random.Next(2) == 0;
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, timeMajor ? [steps, batch, inputSize] : [batch, steps, inputSize],
            Q(Scale(random, 0.005, 0.05), ZeroPoint(random, DataType.Int8)));
        var weightQ = Q(Scale(random, 0.002, 0.05), 0);
        sbyte[] Weights(int count) => Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var inputWeights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_in{i}", DataType.Int8, [stateSize, inputSize], Weights(stateSize * inputSize), weightQ)).ToArray();
        var recurrentWeights = Enumerable.Range(0, 4).Select(i => b.Constant($"w_rec{i}", DataType.Int8, [stateSize, stateSize], Weights(stateSize * stateSize), weightQ)).ToArray();
        var biases = Enumerable.Range(0, 4).Select(i => b.Constant($"bias{i}", DataType.Int32, [stateSize],
            Enumerable.Range(0, stateSize).Select(_ => random.Next(-8000, 8000)).ToArray())).ToArray();
        var hiddenQ = Q(Scale(random, 0.004, 0.02), ZeroPoint(random, DataType.Int8));
        var hidden = b.Variable("hidden_state", DataType.Int8, [batch, stateSize], hiddenQ);
        var cell = b.Variable("cell_state", DataType.Int16, [batch, stateSize], Q(1f / (1 << random.Next(9, 13)), 0));
        var output = b.Activation("output", DataType.Int8, timeMajor ? [steps, batch, stateSize] : [batch, steps, stateSize], hiddenQ);
        var cellClip = random.Next(2) == 0 ? 0f : (float)(0.5 + random.NextDouble() * 4);
        b.AddOperator(OpKind.UnidirectionalSequenceLstm,
        [
            input, inputWeights[0], inputWeights[1], inputWeights[2], inputWeights[3],
            recurrentWeights[0], recurrentWeights[1], recurrentWeights[2], recurrentWeights[3], -1, -1, -1,
            biases[0], biases[1], biases[2], biases[3], -1, -1, hidden, cell, -1, -1, -1, -1,
        ],
        [output], new LstmOptions(Activation.Tanh, cellClip, 0, timeMajor));
        b.MarkOutput(output);
        return b.Build("lstm");
    }
}
