using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Ops.StridedSlice;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Emit;

/// <summary>
/// The C kernels of the tensor operators against the reference interpreter: random layers (shapes, broadcasts, axes,
/// zero points at the int8 extremes, activations, constant operands; int8 first, then int16, int32 and float32 where the
/// reference supports them) side by side in one host build per family, every output compared to the byte, with storage
/// sharing on and off. One more test cross-builds one layer per C kernel for two ARM boards and runs it under QEMU.
/// </summary>
[Category("Firmware")]
public class TensorKernelConformanceTests
{
    private const int Cases = 20;

    private static readonly DataType[] QuantizedAndFloat = [DataType.Int8, DataType.Int16, DataType.Float32];

    [Test]
    public void AddSub() => Check("add_sub", random => AddSub(random, Pick(random, QuantizedAndFloat, int8Weight: 2), random.Next(2) == 0));

    [Test]
    public void Mul() => Check("mul", random => Mul(random, Pick(random, QuantizedAndFloat, int8Weight: 2)));

    [Test]
    public void MaximumMinimum() => Check("maximum_minimum", random =>
        MaximumMinimum(random, Pick(random, [DataType.Int8, DataType.Int16, DataType.Int32, DataType.Float32], int8Weight: 2), random.Next(2) == 0));

    [Test]
    public void TransposeSliceStridedSlice() => Check("transpose_slice", random => random.Next(5) switch
    {
        0 => Transpose(random, Pick(random, QuantizedAndFloat, int8Weight: 2)),
        1 => Slice(random, Pick(random, AllCopyTypes, int8Weight: 2)),
        _ => StridedSlice(random, Pick(random, AllCopyTypes, int8Weight: 2)),
    });

    [Test]
    public void ConcatenationPackSplitUnpack() => Check("concat_split", random => random.Next(5) switch
    {
        0 => Concatenation(random, Pick(random, AllCopyTypes, int8Weight: 2)),
        1 => Pack(random, Pick(random, AllCopyTypes, int8Weight: 2)),
        2 => Split(random, Pick(random, AllCopyTypes, int8Weight: 2), splitV: false),
        3 => Split(random, Pick(random, AllCopyTypes, int8Weight: 2), splitV: true),
        _ => Unpack(random, Pick(random, AllCopyTypes, int8Weight: 2)),
    });

    [Test]
    public void PadAndPadV2() => Check("pad", random => Pad(random, Pick(random, AllCopyTypes, int8Weight: 2), random.Next(3)));

    [Test]
    public void MeanSum() => Check("mean_sum", random => MeanSum(random, Pick(random, QuantizedAndFloat, int8Weight: 2), random.Next(2) == 0));

    [Test]
    public void ResizeNearestAndBilinear() => Check("resize", random => random.Next(2) == 0
        ? ResizeNearest(random, Pick(random, QuantizedAndFloat, int8Weight: 2))
        : ResizeBilinear(random, Pick(random, [DataType.Int8, DataType.Float32], int8Weight: 2)));

    [Test]
    public void BatchMatMul() => Check("batch_matmul", random => BatchMatMul(random, Pick(random, QuantizedAndFloat, int8Weight: 2)));

    /// <summary>
    /// One layer per C kernel function in one graph, built for a Cortex-M4F and a Cortex-M0+ board (the builds use
    /// -Wall -Wextra -Werror, so building proves them warning-free); the M4F build runs under QEMU.
    /// </summary>
    [Test]
    public void EveryKernelCrossBuildsAndRunsUnderQemu()
    {
        var random = new Random(4242);
        var layers = new List<Func<Random, GraphBuilder?>>();
        foreach (var type in QuantizedAndFloat)
        {
            layers.Add(r => AddSub(r, type, r.Next(2) == 0));
            layers.Add(r => Mul(r, type));
            layers.Add(r => MeanSum(r, type, r.Next(2) == 0));
            layers.Add(r => BatchMatMul(r, type));
        }
        foreach (var type in new[] { DataType.Int8, DataType.Int16, DataType.Int32, DataType.Float32 })
        {
            layers.Add(r => MaximumMinimum(r, type, isMaximum: true));
            layers.Add(r => MaximumMinimum(r, type, isMaximum: false));
        }
        layers.Add(r => Concatenation(r, DataType.Int8));
        layers.Add(r => Split(r, DataType.Float32, splitV: true));
        layers.Add(r => Pad(r, DataType.Int8, 1));
        layers.Add(r => ResizeNearest(r, DataType.Int16));
        layers.Add(r => ResizeBilinear(r, DataType.Int8));
        layers.Add(r => ResizeBilinear(r, DataType.Float32));
        var graph = Combine("tensor_kernels_arm", random, layers.Select(l => (Func<Random, GraphBuilder?>)(r => Small(l, r))).ToList());
        var inputs = FirmwareHarness.RandomInputs(graph, random);
        var expected = new ReferenceInterpreter(graph).Invoke(inputs);
        var m0 = FirmwareHarness.Build(graph, "nucleo-l073rz", "tensor_kernels_arm.tflite", inputs);
        Directory.Delete(m0.Folder, recursive: true);
        var (folder, build) = FirmwareHarness.Build(graph, "mps2-an386", "tensor_kernels_arm.tflite", inputs);
        try
        {
            var outputs = FirmwareHarness.Outputs(graph, FirmwareRunner.OnQemu(build.Executable, FirmwareHarness.Board("mps2-an386"), inputs));
            for (var o = 0; o < expected.Length; o++)
            {
                Assert.That(outputs[o], Is.EqualTo(expected[o]), $"output {o}: {Describe(graph, graph.Outputs[o])}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly DataType[] AllCopyTypes = [DataType.Int8, DataType.Int16, DataType.Int32, DataType.Float32];

    /// <summary>A layer small enough for the 20 KB of the Cortex-M0+ board: retried until its tensors are at most 96 elements.</summary>
    private static GraphBuilder? Small(Func<Random, GraphBuilder?> layer, Random random)
    {
        var sub = layer(random);
        return sub is null || sub.Tensors.Any(t => t.ElementCount > 96) ? null : sub;
    }

    /// <summary>Builds one graph of random layers of a family side by side, runs it twice, storage sharing on and off.</summary>
    private static void Check(string name, Func<Random, GraphBuilder?> layer)
    {
        // A seed fixed per family (string.GetHashCode differs from process to process), so that a failure repeats.
        var random = new Random(name.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var graph = Combine(name, random, Enumerable.Repeat(layer, Cases).ToList());
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)FirmwareHarness.RandomInputs(graph, random)).ToList();
        foreach (var inPlace in new[] { true, false })
        {
            var results = FirmwareHarness.RunOnHost(graph, name + ".tflite", inputSets, inPlace);
            for (var run = 0; run < inputSets.Count; run++)
            {
                var expected = new ReferenceInterpreter(graph).Invoke(inputSets[run]);
                for (var o = 0; o < expected.Length; o++)
                {
                    Assert.That(results[run][o], Is.EqualTo(expected[o]),
                        $"{name} output {o}, run {run}, in place {inPlace}: {Describe(graph, graph.Outputs[o])}");
                }
            }
        }
        var shared = MicroGen.Planning.MemoryPlanner.Plan(graph, MicroGen.Planning.PlanOptions.Default).Steps
            .Count(s => s.Storage.Mode != StorageMode.Separate);
        TestContext.Out.WriteLine($"{name}: {graph.Operators.Length} layers, {shared} shared storage with an input");
    }

    /// <summary>One graph holding a layer made by each generator (retried until valid), each layer with its own inputs and outputs.</summary>
    private static Graph Combine(string name, Random random, IReadOnlyList<Func<Random, GraphBuilder?>> layers)
    {
        var builder = new GraphBuilder();
        var rejected = 0;
        foreach (var layer in layers)
        {
            while (true)
            {
                var sub = layer(random);
                if (sub is not null && IsValid(sub.Build()))
                {
                    Append(builder, sub);
                    break;
                }
                Assert.That(++rejected, Is.LessThan(50 * layers.Count), $"{name}: the generator rarely makes a valid layer");
            }
        }
        return builder.Build(name);
    }

    private static bool IsValid(Graph graph)
    {
        try
        {
            foreach (var op in graph.Operators)
            {
                OperatorRegistry.Default.For(op).Validate(new OpContext(graph, op));
            }
            return true;
        }
        catch (UnsupportedModelException)
        {
            return false;
        }
    }

    private static string Describe(Graph graph, int outputTensor)
    {
        var op = graph.Operators.First(o => o.Outputs.Contains(outputTensor));
        string Text(int i) => $"{graph.Tensors[i].Type.DisplayName()}{graph.Tensors[i].ShapeText} {graph.Tensors[i].Quantization}";
        return $"{op.Kind.DisplayName()} ({string.Join(", ", op.Inputs.Where(i => i >= 0).Select(Text))}) -> {Text(outputTensor)} {op.Options}";
    }

    /// <summary>Copies a small graph into the combined builder.</summary>
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

    // ---- Random values --------------------------------------------------------------------------------------------

    private static DataType Pick(Random random, DataType[] types, int int8Weight)
    {
        var index = random.Next(types.Length + int8Weight - 1);
        return index < int8Weight ? types[0] : types[index - int8Weight + 1];
    }

    /// <summary>No activation half of the time (the clamps narrow the results), else RELU, RELU6 or RELU_N1_TO_1.</summary>
    private static Activation RandomActivation(Random random) =>
        new[] { Activation.None, Activation.None, Activation.None, Activation.Relu, Activation.Relu6, Activation.ReluN1To1 }[random.Next(6)];

    /// <summary>Quantization of a tensor of <paramref name="type"/>: int8 zero points often at -128 or 127, int16 zero point 0, none for others.</summary>
    private static Quantization? RandomQ(Random random, DataType type, float minScale = 0.005f, float maxScale = 0.1f) =>
        ScaledQ(random, type, minScale + (float)random.NextDouble() * (maxScale - minScale), extremeZeroPoints: true);

    /// <summary>
    /// An output quantization of about <paramref name="scale"/> (int8; int16 scales are 1/256 of it) whose zero point
    /// centres the expected real mean <paramref name="mean"/>, so that results spread over the range instead of
    /// saturating; an extreme zero point one time in six.
    /// </summary>
    private static Quantization? OutputQ(Random random, DataType type, double scale, double mean)
    {
        var s = (float)(scale * (0.5 + random.NextDouble()));
        return type switch
        {
            DataType.Int8 => Q(s, random.Next(6) == 0 ? (random.Next(2) == 0 ? -128 : 127)
                : (int)Math.Clamp(Math.Round(-mean / s) + random.Next(-20, 21), -128, 127)),
            DataType.Int16 => Q(s / 256, 0),
            _ => null,
        };
    }

    private static Quantization? ScaledQ(Random random, DataType type, float scale, bool extremeZeroPoints) => type switch
    {
        DataType.Int8 => Q(scale, extremeZeroPoints && random.Next(2) == 0 ? (random.Next(2) == 0 ? -128 : 127) : random.Next(-128, 128)),
        DataType.Int16 => Q(scale / 256, 0),
        _ => null,
    };

    /// <summary>The int8-equivalent scale of a quantization (int16 scales are 1/256 of int8's here).</summary>
    private static double ScaleOf(Quantization? q, DataType type) => q is null ? 0 : type == DataType.Int16 ? q.Scale * 256.0 : q.Scale;

    /// <summary>The mean real value of uniformly random stored values (the harness's inputs and constants).</summary>
    private static double MeanOf(Quantization? q, DataType type) => q is null || type != DataType.Int8 ? 0 : (-0.5 - q.ZeroPoint) * q.Scale;

    private static int[] RandomShape(Random random, int rank, int maxDim) =>
        Enumerable.Range(0, rank).Select(_ => random.Next(1, maxDim + 1)).ToArray();

    private static long Count(IEnumerable<int> shape) => shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>A constant tensor of random values of <paramref name="type"/>.</summary>
    private static int RandomConstant(GraphBuilder b, Random random, string name, DataType type, int[] shape, Quantization? q)
    {
        var count = (int)Count(shape);
        return type switch
        {
            DataType.Int8 => b.Constant(name, type, shape, Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-128, 128)).ToArray(), q),
            DataType.Int16 => b.Constant(name, type, shape, Enumerable.Range(0, count).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray(), q),
            DataType.Int32 => b.Constant(name, type, shape, Enumerable.Range(0, count).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray(), q),
            _ => b.Constant(name, type, shape, Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), q),
        };
    }

    /// <summary>Two input shapes that broadcast (leading dimensions dropped or set to 1 on either side) and their output shape.</summary>
    private static (int[] A, int[] B, int[] Output) BroadcastShapes(Random random)
    {
        var rank = random.Next(6) == 0 ? random.Next(5, 7) : random.Next(1, 5);
        var full = RandomShape(random, rank, rank > 4 ? 2 : 5);
        int[] Derive()
        {
            if (random.Next(3) == 0)
            {
                return full;
            }
            var dropped = random.Next(rank + 1);
            return full.Skip(random.Next(3) == 0 ? dropped : 0).Select(d => random.Next(3) == 0 ? 1 : d).ToArray();
        }
        var a = Derive();
        var b = random.Next(8) == 0 ? Array.Empty<int>() : Derive();
        var outRank = Math.Max(a.Length, b.Length);
        var output = Enumerable.Range(0, outRank).Select(i =>
        {
            var da = i - (outRank - a.Length) is var ia && ia >= 0 ? a[ia] : 1;
            var db = i - (outRank - b.Length) is var ib && ib >= 0 ? b[ib] : 1;
            return Math.Max(da, db);
        }).ToArray();
        return random.Next(2) == 0 ? (a, b, output) : (b, a, output);
    }

    // ---- Layers -----------------------------------------------------------------------------------------------------

    /// <summary>Binary layer: input 1 a graph input, input 2 a graph input or (sometimes) a constant.</summary>
    private static GraphBuilder Binary(Random random, OpKind kind, DataType type, Quantization? q1, Quantization? q2,
        Func<Quantization?, Quantization?, (double Scale, double Mean)> output, OperatorOptions? options)
    {
        var (outputScale, outputMean) = output(q1, q2);
        var qOut = type == DataType.Float32 ? null : OutputQ(random, type, outputScale, outputMean);
        var (shapeA, shapeB, shapeOut) = BroadcastShapes(random);
        var b = new GraphBuilder();
        var input1 = b.Input("a", type, shapeA, q1);
        var input2 = random.Next(4) == 0 ? RandomConstant(b, random, "b", type, shapeB, q2) : b.Input("b", type, shapeB, q2);
        var outputTensor = b.Activation("out", type, shapeOut, qOut);
        b.AddOperator(kind, [input1, input2], [outputTensor], options);
        b.MarkOutput(outputTensor);
        return b;
    }

    /// <summary>ADD / SUB: the output scale about twice the larger input scale (the range of a sum).</summary>
    private static GraphBuilder AddSub(Random random, DataType type, bool isSub) =>
        Binary(random, isSub ? OpKind.Sub : OpKind.Add, type, RandomQ(random, type), RandomQ(random, type),
            (q1, q2) => (2 * Math.Max(ScaleOf(q1, type), ScaleOf(q2, type)), MeanOf(q1, type) + (isSub ? -1 : 1) * MeanOf(q2, type)),
            new ActivationOptions(RandomActivation(random)));

    /// <summary>MUL: the output scale about s1 * s2 * 96 (int8) or s1 * s2 * 64 in int8-equivalent scales (int16).</summary>
    private static GraphBuilder Mul(Random random, DataType type) =>
        Binary(random, OpKind.Mul, type, RandomQ(random, type, 0.01f, 0.1f), RandomQ(random, type, 0.01f, 0.1f),
            (q1, q2) => (ScaleOf(q1, type) * ScaleOf(q2, type) * (type == DataType.Int16 ? 64 : 96), MeanOf(q1, type) * MeanOf(q2, type)),
            new ActivationOptions(RandomActivation(random)));

    private static GraphBuilder MaximumMinimum(Random random, DataType type, bool isMaximum)
    {
        var q = RandomQ(random, type);
        var (shapeA, shapeB, shapeOut) = BroadcastShapes(random);
        var b = new GraphBuilder();
        var input1 = b.Input("a", type, shapeA, q);
        var input2 = random.Next(4) == 0 ? RandomConstant(b, random, "b", type, shapeB, q) : b.Input("b", type, shapeB, q);
        var output = b.Activation("out", type, shapeOut, q);
        b.AddOperator(isMaximum ? OpKind.Maximum : OpKind.Minimum, [input1, input2], [output]);
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder Transpose(Random random, DataType type)
    {
        var rank = random.Next(1, 7);
        var shape = RandomShape(random, rank, rank > 4 ? 2 : 4);
        var perm = Enumerable.Range(0, rank).OrderBy(_ => random.Next()).ToArray();
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var permTensor = b.Constant("perm", DataType.Int32, [rank], perm);
        var output = b.Activation("out", type, perm.Select(a => shape[a]).ToArray(), q);
        b.AddOperator(OpKind.Transpose, [input, permTensor], [output]);
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder? Slice(Random random, DataType type)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, 5);
        var begin = shape.Select(d => random.Next(d)).ToArray();
        var size = shape.Select((d, i) => random.Next(4) == 0 ? -1 : random.Next(1, d - begin[i] + 1)).ToArray();
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var beginTensor = b.Constant("begin", DataType.Int32, [rank], begin);
        var sizeTensor = b.Constant("size", DataType.Int32, [rank], size);
        var output = b.Activation("out", type, size.Select((s, i) => s == -1 ? shape[i] - begin[i] : s).ToArray(), q);
        b.AddOperator(OpKind.Slice, [input, beginTensor, sizeTensor], [output]);
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder? StridedSlice(Random random, DataType type)
    {
        var rank = random.Next(1, 5);
        var shape = RandomShape(random, rank, 6);
        var begin = shape.Select(d => random.Next(-d, d + 1)).ToArray();
        var end = shape.Select(d => random.Next(-d - 1, d + 2)).ToArray();
        var strides = shape.Select(_ => random.Next(3) == 0 ? -random.Next(1, 3) : random.Next(1, 4)).ToArray();
        var options = new StridedSliceOptions(random.Next(1 << rank), random.Next(1 << rank), 0, 0,
            random.Next(3) == 0 ? 1 << random.Next(rank) : 0, random.Next(5) == 0);
        int[] outputShape;
        try
        {
            outputShape = StridedSliceSpec.Resolve(shape, begin, end, strides, options).OutputShape;
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (outputShape.Contains(0))
        {
            return null;
        }
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var beginTensor = b.Constant("begin", DataType.Int32, [rank], begin);
        var endTensor = b.Constant("end", DataType.Int32, [rank], end);
        var stridesTensor = b.Constant("strides", DataType.Int32, [rank], strides);
        var output = b.Activation("out", type, outputShape, q);
        b.AddOperator(OpKind.StridedSlice, [input, beginTensor, endTensor, stridesTensor], [output], options);
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder Concatenation(Random random, DataType type)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, rank > 4 ? 2 : 4);
        var axis = random.Next(rank);
        var count = random.Next(1, 5);
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var inputs = new int[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var part = shape.ToArray();
            part[axis] = random.Next(1, 4);
            total += part[axis];
            inputs[i] = random.Next(5) == 0 ? RandomConstant(b, random, $"c{i}", type, part, q) : b.Input($"in{i}", type, part, q);
        }
        var outputShape = shape.ToArray();
        outputShape[axis] = total;
        var output = b.Activation("out", type, outputShape, q);
        b.AddOperator(OpKind.Concatenation, inputs, [output], new ConcatenationOptions(random.Next(2) == 0 ? axis - rank : axis, Activation.None));
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder Pack(Random random, DataType type)
    {
        var rank = random.Next(0, 5);
        var shape = RandomShape(random, rank, 4);
        var axis = random.Next(rank + 1);
        var count = random.Next(1, 5);
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var inputs = Enumerable.Range(0, count).Select(i => b.Input($"in{i}", type, shape, q)).ToArray();
        var outputShape = shape.ToList();
        outputShape.Insert(axis, count);
        var output = b.Activation("out", type, outputShape.ToArray(), q);
        b.AddOperator(OpKind.Pack, inputs, [output], new PackOptions(count, random.Next(2) == 0 ? axis - rank - 1 : axis));
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder Split(Random random, DataType type, bool splitV)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, rank > 4 ? 2 : 4);
        var axis = random.Next(rank);
        var count = random.Next(1, 5);
        int[] sizes;
        if (splitV)
        {
            sizes = Enumerable.Range(0, count).Select(_ => random.Next(1, 4)).ToArray();
            shape[axis] = sizes.Sum();
        }
        else
        {
            shape[axis] = count * random.Next(1, 3);
            sizes = Enumerable.Repeat(shape[axis] / count, count).ToArray();
        }
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var axisTensor = b.Constant("axis", DataType.Int32, [], new[] { random.Next(2) == 0 ? axis - rank : axis });
        var outputs = sizes.Select((s, i) =>
        {
            var part = shape.ToArray();
            part[axis] = s;
            return b.Activation($"out{i}", type, part, q);
        }).ToArray();
        if (splitV)
        {
            var given = sizes.ToArray();
            if (random.Next(3) == 0)
            {
                given[random.Next(count)] = -1;
            }
            var sizesTensor = b.Constant("sizes", DataType.Int32, [count], given);
            b.AddOperator(OpKind.SplitV, [input, sizesTensor, axisTensor], outputs, new SplitOptions(count));
        }
        else
        {
            b.AddOperator(OpKind.Split, [axisTensor, input], outputs, new SplitOptions(count));
        }
        foreach (var o in outputs)
        {
            b.MarkOutput(o);
        }
        return b;
    }

    private static GraphBuilder Unpack(Random random, DataType type)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, rank > 4 ? 2 : 4);
        var axis = random.Next(rank);
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var outputShape = shape.Where((_, d) => d != axis).ToArray();
        var outputs = Enumerable.Range(0, shape[axis]).Select(i => b.Activation($"out{i}", type, outputShape, q)).ToArray();
        b.AddOperator(OpKind.Unpack, [input], outputs, new PackOptions(shape[axis], random.Next(2) == 0 ? axis - rank : axis));
        foreach (var o in outputs)
        {
            b.MarkOutput(o);
        }
        return b;
    }

    /// <summary>PAD (<paramref name="variant"/> 0), PADV2 with a constant value (1) or with a value computed at run time (2, a graph input).</summary>
    private static GraphBuilder Pad(Random random, DataType type, int variant)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, rank > 3 ? 2 : 4);
        var paddings = Enumerable.Range(0, 2 * rank).Select(_ => random.Next(3) == 0 ? 0 : random.Next(1, 3)).ToArray();
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, shape, q);
        var paddingsTensor = b.Constant("paddings", DataType.Int32, [rank, 2], paddings);
        var output = b.Activation("out", type, shape.Select((d, i) => d + paddings[2 * i] + paddings[2 * i + 1]).ToArray(), q);
        if (variant == 0)
        {
            b.AddOperator(OpKind.Pad, [input, paddingsTensor], [output]);
        }
        else
        {
            var value = variant == 1 ? RandomConstant(b, random, "value", type, [1], q) : b.Input("value", type, [1], q);
            b.AddOperator(OpKind.PadV2, [input, paddingsTensor, value], [output]);
        }
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder MeanSum(Random random, DataType type, bool isMean)
    {
        var rank = random.Next(1, 6);
        var shape = RandomShape(random, rank, rank > 3 ? 3 : 6);
        var axes = Enumerable.Range(0, random.Next(1, rank + 2)).Select(_ => random.Next(-rank, rank)).ToArray();
        var reduced = new bool[rank];
        foreach (var a in axes)
        {
            reduced[(a + rank) % rank] = true;
        }
        var keepDims = random.Next(2) == 0;
        var outputShape = keepDims ? shape.Select((d, i) => reduced[i] ? 1 : d).ToArray() : shape.Where((_, i) => !reduced[i]).ToArray();
        var count = shape.Where((_, i) => reduced[i]).Aggregate(1, (a, d) => a * d);
        var b = new GraphBuilder();
        var inputQ = RandomQ(random, type);
        var input = b.Input("in", type, shape, inputQ);
        var axisTensor = b.Constant("axes", DataType.Int32, [axes.Length], axes);
        // A SUM of n values spreads about sqrt(n) times wider than one value and has n times its mean.
        var output = b.Activation("out", type, outputShape, isMean
            ? OutputQ(random, type, ScaleOf(inputQ, type) / 2, MeanOf(inputQ, type))
            : OutputQ(random, type, ScaleOf(inputQ, type) * Math.Sqrt(count), count * MeanOf(inputQ, type)));
        b.AddOperator(isMean ? OpKind.Mean : OpKind.Sum, [input, axisTensor], [output], new ReducerOptions(keepDims));
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder ResizeNearest(Random random, DataType type) =>
        Resize(random, OpKind.ResizeNearestNeighbor, type, random.Next(2) == 0, random.Next(2) == 0);

    private static GraphBuilder ResizeBilinear(Random random, DataType type)
    {
        var alignCorners = random.Next(3) == 0;
        return Resize(random, OpKind.ResizeBilinear, type, alignCorners, !alignCorners && random.Next(2) == 0);
    }

    private static GraphBuilder Resize(Random random, OpKind kind, DataType type, bool alignCorners, bool halfPixelCenters)
    {
        int batches = random.Next(1, 3), inH = random.Next(1, 6), inW = random.Next(1, 6), depth = random.Next(1, 4);
        int outH = random.Next(1, 9), outW = random.Next(1, 9);
        var q = RandomQ(random, type);
        var b = new GraphBuilder();
        var input = b.Input("in", type, [batches, inH, inW, depth], q);
        var size = b.Constant("size", DataType.Int32, [2], new[] { outH, outW });
        var output = b.Activation("out", type, [batches, outH, outW, depth], q);
        b.AddOperator(kind, [input, size], [output], new ResizeOptions(alignCorners, halfPixelCenters));
        b.MarkOutput(output);
        return b;
    }

    private static GraphBuilder BatchMatMul(Random random, DataType type)
    {
        var batchRank = random.Next(0, 3);
        var batch = RandomShape(random, batchRank, 3);
        int rows = random.Next(1, 5), columns = random.Next(1, 5), depth = random.Next(1, 9);
        bool adjX = random.Next(2) == 0, adjY = random.Next(2) == 0;
        int[] Operand(int[] matrix)
        {
            var dims = batch.Select(d => random.Next(3) == 0 ? 1 : d).Skip(random.Next(3) == 0 ? random.Next(batchRank + 1) : 0);
            return [.. dims, .. matrix];
        }
        var lhsShape = Operand(adjX ? [depth, rows] : [rows, depth]);
        var rhsShape = Operand(adjY ? [columns, depth] : [depth, columns]);
        var rank = Math.Max(lhsShape.Length, rhsShape.Length);
        var outputBatch = Enumerable.Range(0, rank - 2).Select(i =>
        {
            var dl = i - (rank - lhsShape.Length) is var il && il >= 0 ? lhsShape[il] : 1;
            var dr = i - (rank - rhsShape.Length) is var ir && ir >= 0 ? rhsShape[ir] : 1;
            return Math.Max(dl, dr);
        });
        var b = new GraphBuilder();
        var lhsQ = RandomQ(random, type, 0.01f, 0.1f);
        var lhs = b.Input("lhs", type, lhsShape, lhsQ);
        var rhsQ = RandomQ(random, type, 0.01f, 0.1f);
        var rhs = random.Next(3) == 0 ? RandomConstant(b, random, "rhs", type, rhsShape, rhsQ) : b.Input("rhs", type, rhsShape, rhsQ);
        // A sum of depth products of about 128 * 128 / 3 (int8) in magnitude: an output scale that keeps most results in range.
        var outputScale = ScaleOf(lhsQ, type) * ScaleOf(rhsQ, type) * Math.Sqrt(depth) * (type == DataType.Int16 ? 40 : 60);
        var outputMean = depth * MeanOf(lhsQ, type) * MeanOf(rhsQ, type);
        var output = b.Activation("out", type, [.. outputBatch, rows, columns], OutputQ(random, type, outputScale, outputMean));
        b.AddOperator(OpKind.BatchMatMul, [lhs, rhs], [output], new BatchMatMulOptions(adjX, adjY));
        b.MarkOutput(output);
        return b;
    }
}
