using System.Runtime.InteropServices;
using MicroGen.Import.Tflite;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Reference;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Ops;

/// <summary>
/// The ADD, PAD, MEAN, TRANSPOSE and RESHAPE operators of the shared real models, each run alone on seeded random
/// inputs and checked against an independent computation: exact index arithmetic for the data-movement operators,
/// and the real-valued result within one quantization step for ADD and MEAN (their bit-exact arithmetic is pinned
/// by the hand-computed cases of AddSubOpTests and ReduceOpTests).
/// </summary>
public class SharedModelTensorOpsTests
{
    private static readonly HashSet<OpKind> CheckedKinds = [OpKind.Add, OpKind.Pad, OpKind.Mean, OpKind.Transpose, OpKind.Reshape];

    [TestCaseSource(typeof(SharedModels), nameof(SharedModels.Names))]
    public void OperatorsOfThisGroupMatchIndependentComputation(string model)
    {
        var graph = TfliteImporter.Import(File.ReadAllBytes(SharedModels.PathOf(model)), model);
        var random = new Random(20240611);
        var checkedCount = 0;
        foreach (var op in graph.Operators.Where(o => CheckedKinds.Contains(o.Kind)))
        {
            var single = SingleOperator(graph, op);
            var inputs = single.InputTensors.Select(t =>
            {
                var bytes = new byte[t.SizeInBytes];
                random.NextBytes(bytes);
                return bytes;
            }).ToArray();
            var output = new ReferenceInterpreter(single).Invoke(inputs)[0];
            var context = $"{model} {op.Describe()}";
            switch (op.Kind)
            {
                case OpKind.Add:
                    CheckAdd(single, inputs, output, context);
                    break;
                case OpKind.Mean:
                    CheckMean(single, inputs[0], output, context);
                    break;
                case OpKind.Pad:
                    CheckPad(single, inputs[0], output, context);
                    break;
                case OpKind.Transpose:
                    CheckTranspose(single, inputs[0], output, context);
                    break;
                default:
                    Assert.That(output.AsSpan().SequenceEqual(inputs[0]), Is.True, context);
                    break;
            }
            checkedCount++;
        }
        Assert.That(checkedCount, Is.EqualTo(graph.Operators.Count(o => CheckedKinds.Contains(o.Kind))));
    }

    [Test]
    public void TinyEngineMeansAreCovered()
    {
        var graph = TfliteImporter.Import(File.ReadAllBytes(SharedModels.PathOf("tinyengine_vww.tflite")), "tinyengine_vww.tflite");
        var means = graph.Operators.Where(o => o.Kind == OpKind.Mean).ToArray();
        Assert.That(means, Has.Length.EqualTo(2));
        foreach (var op in means)
        {
            Assert.DoesNotThrow(() => OperatorRegistry.Default.For(op).Validate(new OpContext(graph, op)));
        }
    }

    private static void CheckAdd(Graph g, byte[][] inputs, byte[] output, string context)
    {
        var (a, b, o) = (g.Tensor(g.Operators[0].Inputs[0]), g.Tensor(g.Operators[0].Inputs[1]), g.Tensor(g.Operators[0].Outputs[0]));
        Assert.That(a.Shape, Is.EqualTo(b.Shape), context);
        var activationMin = ((MicroGen.Ir.Options.ActivationOptions)g.Operators[0].Options).Activation == Activation.Relu ? o.Quantization!.ZeroPoint : -128;
        for (var i = 0; i < output.Length; i++)
        {
            var real = a.Quantization!.Scale * (double)((sbyte)inputs[0][i] - a.Quantization.ZeroPoint)
                + b.Quantization!.Scale * (double)((sbyte)inputs[1][i] - b.Quantization.ZeroPoint);
            var ideal = Math.Clamp(Math.Round(real / o.Quantization!.Scale) + o.Quantization.ZeroPoint, activationMin, 127);
            if (Math.Abs((sbyte)output[i] - ideal) > 1)
            {
                Assert.Fail($"{context} element {i}: {(sbyte)output[i]}, ideal {ideal}");
            }
        }
    }

    private static void CheckMean(Graph g, byte[] input, byte[] output, string context)
    {
        var (i, o) = (g.Tensor(g.Operators[0].Inputs[0]), g.Tensor(g.Operators[0].Outputs[0]));
        var axis = MemoryMarshal.Cast<byte, int>(g.Tensor(g.Operators[0].Inputs[1]).Data!.Span).ToArray();
        Assert.That(axis, Is.EqualTo(new[] { i.Shape.Length - 1 }).Or.EqualTo(new[] { -1 }), context);
        var n = i.Shape[^1];
        for (var k = 0; k < output.Length; k++)
        {
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += (sbyte)input[k * n + j] - i.Quantization!.ZeroPoint;
            }
            var ideal = Math.Clamp(Math.Round(sum / n * i.Quantization!.Scale / o.Quantization!.Scale) + o.Quantization.ZeroPoint, -128, 127);
            if (Math.Abs((sbyte)output[k] - ideal) > 1)
            {
                Assert.Fail($"{context} element {k}: {(sbyte)output[k]}, ideal {ideal}");
            }
        }
    }

    private static void CheckPad(Graph g, byte[] input, byte[] output, string context)
    {
        var (i, o) = (g.Tensor(g.Operators[0].Inputs[0]), g.Tensor(g.Operators[0].Outputs[0]));
        var pads = MemoryMarshal.Cast<byte, int>(g.Tensor(g.Operators[0].Inputs[1]).Data!.Span).ToArray();
        Assert.That(i.Shape, Has.Length.EqualTo(4), context);
        if (pads.All(p => p == 0))
        {
            Assert.That(output.AsSpan().SequenceEqual(input), Is.True, context);
            return;
        }
        var zeroPoint = (byte)(sbyte)o.Quantization!.ZeroPoint;
        var expected = new byte[output.Length];
        var index = 0;
        for (var n = 0; n < o.Shape[0]; n++)
        {
            for (var y = 0; y < o.Shape[1]; y++)
            {
                for (var x = 0; x < o.Shape[2]; x++)
                {
                    for (var c = 0; c < o.Shape[3]; c++)
                    {
                        int inN = n - pads[0], inY = y - pads[2], inX = x - pads[4], inC = c - pads[6];
                        var inside = inN >= 0 && inN < i.Shape[0] && inY >= 0 && inY < i.Shape[1] && inX >= 0 && inX < i.Shape[2] && inC >= 0 && inC < i.Shape[3];
                        expected[index++] = inside ? input[((inN * i.Shape[1] + inY) * i.Shape[2] + inX) * i.Shape[3] + inC] : zeroPoint;
                    }
                }
            }
        }
        Assert.That(output.AsSpan().SequenceEqual(expected), Is.True, context);
    }

    private static void CheckTranspose(Graph g, byte[] input, byte[] output, string context)
    {
        var i = g.Tensor(g.Operators[0].Inputs[0]);
        var perm = MemoryMarshal.Cast<byte, int>(g.Tensor(g.Operators[0].Inputs[1]).Data!.Span).ToArray();
        Assert.That(i.Type, Is.EqualTo(DataType.Int8), context);
        Assert.That(perm, Has.Length.EqualTo(4), context);
        var inShape = i.Shape.ToArray();
        var outShape = perm.Select(p => inShape[p]).ToArray();
        var expected = new byte[output.Length];
        var outIndex = new int[4];
        for (var flat = 0; flat < expected.Length; flat++)
        {
            var rest = flat;
            for (var d = 3; d >= 0; d--)
            {
                outIndex[d] = rest % outShape[d];
                rest /= outShape[d];
            }
            var inIndex = new int[4];
            for (var d = 0; d < 4; d++)
            {
                inIndex[perm[d]] = outIndex[d];
            }
            expected[flat] = input[((inIndex[0] * inShape[1] + inIndex[1]) * inShape[2] + inIndex[2]) * inShape[3] + inIndex[3]];
        }
        Assert.That(output.AsSpan().SequenceEqual(expected), Is.True, context);
    }

    /// <summary>The operator alone: its tensors re-indexed, non-constant inputs as graph inputs, its outputs as graph outputs.</summary>
    private static Graph SingleOperator(Graph graph, Operator op)
    {
        var map = new Dictionary<int, int>();
        var tensors = new List<Tensor>();
        int Map(int t)
        {
            if (t < 0)
            {
                return -1;
            }
            if (!map.TryGetValue(t, out var index))
            {
                index = tensors.Count;
                map[t] = index;
                tensors.Add(graph.Tensors[t] with { Index = index });
            }
            return index;
        }
        var inputs = op.Inputs.Select(Map).ToArray();
        var outputs = op.Outputs.Select(Map).ToArray();
        var graphInputs = inputs.Where(t => t >= 0 && !tensors[t].IsConstant).Distinct().ToArray();
        var single = op with { Index = 0, Inputs = inputs, Outputs = outputs, Intermediates = EquatableArray<int>.Empty };
        return new Graph(graph.Name, tensors.ToArray(), new[] { single }, graphInputs, outputs);
    }
}
