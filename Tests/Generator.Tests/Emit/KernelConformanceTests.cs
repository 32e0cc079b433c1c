using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Emit;

/// <summary>
/// The C kernels against the reference interpreter: many random layer configurations (shapes, strides, dilation,
/// padding, zero points, per-channel scales, activations) in one host build each, every output compared to the byte.
/// </summary>
[Category("Firmware")]
public class KernelConformanceTests
{
    private const int Cases = 24;

    [Test]
    public void Conv2D() => Check("conv2d", random => Conv(random, depthwise: false));

    [Test]
    public void DepthwiseConv2D() => Check("depthwise", random => Conv(random, depthwise: true));

    [Test]
    public void FullyConnected() => Check("fully_connected", Fc);

    [Test]
    public void Pooling() => Check("pool", Pool);

    [Test]
    public void TransposeConv() => Check("transpose_conv", Transpose);

    /// <summary>Builds one graph holding every random layer side by side (each its own input and output), runs it twice.</summary>
    private static void Check(string name, Func<Random, (GraphBuilder Builder, int Input, int Output)?> layer)
    {
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        var builder = new GraphBuilder();
        var made = 0;
        while (made < Cases)
        {
            var sub = layer(random);
            if (sub is null)
            {
                continue;
            }
            Append(builder, sub.Value.Builder);
            made++;
        }
        var graph = builder.Build(name);
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)FirmwareHarness.RandomInputs(graph, random)).ToList();
        foreach (var inPlace in new[] { true, false })
        {
            var results = FirmwareHarness.RunOnHost(graph, name + ".tflite", inputSets, inPlace);
            for (var run = 0; run < inputSets.Count; run++)
            {
                var expected = new ReferenceInterpreter(graph).Invoke(inputSets[run]);
                for (var o = 0; o < expected.Length; o++)
                {
                    Assert.That(results[run][o], Is.EqualTo(expected[o]), $"{name} layer {o}, run {run}, in place {inPlace}: {Describe(graph, o)}");
                }
            }
        }
        var shared = MicroGen.Planning.MemoryPlanner.Plan(graph, MicroGen.Planning.PlanOptions.Default).Steps
            .Count(s => s.Storage.Mode != MicroGen.Ops.StorageMode.Separate);
        TestContext.Out.WriteLine($"{name}: {shared} of {graph.Operators.Length} layers shared storage with their input");
    }

    private static string Describe(Graph graph, int layer) => graph.Operators[layer].Options.ToString();

    /// <summary>Copies a one-operator graph into the combined builder.</summary>
    private static void Append(GraphBuilder target, GraphBuilder source)
    {
        var map = new Dictionary<int, int>();
        var sourceGraph = source.Build();
        foreach (var t in sourceGraph.Tensors)
        {
            map[t.Index] = sourceGraph.Inputs.Contains(t.Index)
                ? target.Input($"l{target.Tensors.Count}_{t.Name}", t.Type, t.Shape.Items.ToArray(), t.Quantization)
                : target.AddTensor($"l{target.Tensors.Count}_{t.Name}", t.Type, t.Shape.Items.ToArray(), t.Quantization,
                    t.Data is null ? default : t.Data.Span, t.IsVariable, t.IsConstant);
        }
        foreach (var op in sourceGraph.Operators)
        {
            target.AddOperator(op.Kind, op.Inputs.Select(i => i < 0 ? -1 : map[i]).ToArray(), op.Outputs.Select(i => map[i]).ToArray(), op.Options);
        }
        foreach (var o in sourceGraph.Outputs)
        {
            target.MarkOutput(map[o]);
        }
    }

    private static sbyte[] RandomInt8(Random random, int count) => Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

    private static Activation RandomActivation(Random random) =>
        new[] { Activation.None, Activation.Relu, Activation.Relu6, Activation.ReluN1To1 }[random.Next(4)];

    private static Quantization RandomActivationQ(Random random) =>
        Q((float)(0.005 + random.NextDouble() * 0.1), random.Next(4) switch { 0 => -128, 1 => 127, _ => random.Next(-128, 128) });

    private static (GraphBuilder, int, int)? Conv(Random random, bool depthwise)
    {
        int inH = random.Next(1, 10), inW = random.Next(1, 10), inC = random.Next(1, 7);
        int kH = random.Next(1, 4), kW = random.Next(1, 4), sH = random.Next(1, 4), sW = random.Next(1, 4);
        if (!depthwise && random.Next(3) == 0)
        {
            // Pointwise: the case where overlapping output and input saves most.
            (kH, kW, sH, sW) = (1, 1, 1, 1);
        }
        int dH = random.Next(1, 3), dW = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
        int outH = MicroGen.Ops.Common.Window2D.OutSize(padding, inH, kH, sH, dH), outW = MicroGen.Ops.Common.Window2D.OutSize(padding, inW, kW, sW, dW);
        if (outH <= 0 || outW <= 0)
        {
            return null;
        }
        var multiplier = depthwise && random.Next(3) == 0 ? 2 : 1;
        var outC = depthwise ? inC * multiplier : random.Next(1, 9);
        var groups = !depthwise && kH > 1 && random.Next(4) == 0 && inC % 2 == 0 && outC % 2 == 0 ? 2 : 1;
        var b = new GraphBuilder();
        var inQ = RandomActivationQ(random);
        var input = b.Input("in", DataType.Int8, [1, inH, inW, inC], inQ);
        var scales = Enumerable.Range(0, outC).Select(_ => (float)(0.001 + random.NextDouble() * 0.05)).ToArray();
        int[] filterShape = depthwise ? [1, kH, kW, outC] : [outC, kH, kW, inC / groups];
        var filter = b.Constant("w", DataType.Int8, filterShape, RandomInt8(random, filterShape.Aggregate(1, (a, x) => a * x)),
            PerChannel(scales, depthwise ? 3 : 0));
        var bias = b.Constant("b", DataType.Int32, [outC], Enumerable.Range(0, outC).Select(_ => random.Next(-20000, 20000)).ToArray());
        var output = b.Activation("out", DataType.Int8, [1, outH, outW, outC], RandomActivationQ(random));
        var activation = RandomActivation(random);
        b.AddOperator(depthwise ? OpKind.DepthwiseConv2D : OpKind.Conv2D, [input, filter, bias], [output],
            depthwise ? new DepthwiseConv2DOptions(padding, sH, sW, dH, dW, multiplier, activation)
                : new Conv2DOptions(padding, sH, sW, dH, dW, activation));
        b.MarkOutput(output);
        return (b, input, output);
    }

    private static (GraphBuilder, int, int)? Fc(Random random)
    {
        int batches = random.Next(1, 4), depth = random.Next(1, 40), units = random.Next(1, 12);
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [batches, depth], RandomActivationQ(random));
        var perChannel = random.Next(2) == 0;
        var filterQ = perChannel
            ? PerChannel(Enumerable.Range(0, units).Select(_ => (float)(0.001 + random.NextDouble() * 0.05)).ToArray(), 0)
            : Q((float)(0.001 + random.NextDouble() * 0.05), perChannel ? 0 : random.Next(3) == 0 ? random.Next(-5, 6) : 0);
        var filter = b.Constant("w", DataType.Int8, [units, depth], RandomInt8(random, units * depth), filterQ);
        var hasBias = random.Next(3) > 0;
        var bias = hasBias ? b.Constant("b", DataType.Int32, [units], Enumerable.Range(0, units).Select(_ => random.Next(-20000, 20000)).ToArray()) : -1;
        var output = b.Activation("out", DataType.Int8, [batches, units], RandomActivationQ(random));
        b.AddOperator(OpKind.FullyConnected, hasBias ? [input, filter, bias] : [input, filter], [output],
            new FullyConnectedOptions(RandomActivation(random), false));
        b.MarkOutput(output);
        return (b, input, output);
    }

    private static (GraphBuilder, int, int)? Pool(Random random)
    {
        int inH = random.Next(1, 10), inW = random.Next(1, 10), c = random.Next(1, 6);
        int kH = random.Next(1, 4), kW = random.Next(1, 4), sH = random.Next(1, 3), sW = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
        int outH = MicroGen.Ops.Common.Window2D.OutSize(padding, inH, kH, sH, 1), outW = MicroGen.Ops.Common.Window2D.OutSize(padding, inW, kW, sW, 1);
        if (outH <= 0 || outW <= 0)
        {
            return null;
        }
        var b = new GraphBuilder();
        var q = RandomActivationQ(random);
        var input = b.Input("in", DataType.Int8, [1, inH, inW, c], q);
        var output = b.Activation("out", DataType.Int8, [1, outH, outW, c], q);
        b.AddOperator(random.Next(2) == 0 ? OpKind.AveragePool2D : OpKind.MaxPool2D, [input], [output],
            new Pool2DOptions(padding, sH, sW, kH, kW, RandomActivation(random)));
        b.MarkOutput(output);
        return (b, input, output);
    }

    private static (GraphBuilder, int, int)? Transpose(Random random)
    {
        int inH = random.Next(1, 6), inW = random.Next(1, 6), inC = random.Next(1, 5), outC = random.Next(1, 5);
        int k = random.Next(1, 4), s = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
        var outH = padding == Padding.Same ? inH * s : (inH - 1) * s + k;
        var outW = padding == Padding.Same ? inW * s : (inW - 1) * s + k;
        var b = new GraphBuilder();
        var shape = b.Constant("shape", DataType.Int32, [4], new[] { 1, outH, outW, outC });
        var filter = b.Constant("w", DataType.Int8, [outC, k, k, inC], RandomInt8(random, outC * k * k * inC),
            PerChannel(Enumerable.Range(0, outC).Select(_ => (float)(0.001 + random.NextDouble() * 0.05)).ToArray(), 0));
        var input = b.Input("in", DataType.Int8, [1, inH, inW, inC], RandomActivationQ(random));
        var output = b.Activation("out", DataType.Int8, [1, outH, outW, outC], RandomActivationQ(random));
        b.AddOperator(OpKind.TransposeConv, [shape, filter, input], [output], new TransposeConvOptions(padding, s, s, RandomActivation(random)));
        b.MarkOutput(output);
        return (b, input, output);
    }
}
