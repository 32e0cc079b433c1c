using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class AddSubOpTests
{
    private static Graph Binary(OpKind kind, DataType type, int[] shape1, Quantization? q1, int[] shape2, Quantization? q2,
        int[] outputShape, Quantization? qOut, Activation activation = Activation.None)
    {
        var b = new GraphBuilder();
        var input1 = b.Input("input1", type, shape1, q1);
        var input2 = b.Input("input2", type, shape2, q2);
        var output = b.Activation("output", type, outputShape, qOut);
        b.AddOperator(kind, [input1, input2], [output], new ActivationOptions(activation));
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM add_test.cc QuantizedAddNoActivationInt8 / QuantizedAddActivationRelu1Int8: scales {0.25, 0.5, 1},
    // zero points {-10, 4, 13}. Inputs {-2.01, -1.01, -0.01, 0.98} -> round(v/0.25) - 10 = {-18, -14, -10, -6};
    // {1.01, 1.99, 2.99, 4.02} -> round(v/0.5) + 4 = {6, 8, 10, 12}. Goldens {-1, 1, 3, 5} and {-1, 1, 1, 1} -> q + 13.
    [TestCase(Activation.None, new sbyte[] { 12, 14, 16, 18 })]
    [TestCase(Activation.ReluN1To1, new sbyte[] { 12, 14, 14, 14 })]
    public void AddInt8MatchesTflmGolden(Activation activation, sbyte[] expected)
    {
        var graph = Binary(OpKind.Add, DataType.Int8, [1, 2, 2, 1], Q(0.25f, -10), [1, 2, 2, 1], Q(0.5f, 4), [1, 2, 2, 1], Q(1f, 13), activation);
        var result = Run<sbyte>(graph, 0, new sbyte[] { -18, -14, -10, -6 }, new sbyte[] { 6, 8, 10, 12 });
        Assert.That(result, Is.EqualTo(expected));
    }

    // TFLM add_test.cc QuantizedAddNoActivationInt16: scales {0.25, 0.5, 1}, zero points 0: inputs {-8, -4, 0, 4} and
    // {2, 4, 6, 8}, golden {-1, 1, 3, 5}.
    [Test]
    public void AddInt16MatchesTflmGolden()
    {
        var graph = Binary(OpKind.Add, DataType.Int16, [1, 2, 2, 1], Q(0.25f, 0), [1, 2, 2, 1], Q(0.5f, 0), [1, 2, 2, 1], Q(1f, 0));
        var result = Run<short>(graph, 0, new short[] { -8, -4, 0, 4 }, new short[] { 2, 4, 6, 8 });
        Assert.That(result, Is.EqualTo(new short[] { -1, 1, 3, 5 }));
    }

    // TFLM add_test.cc QuantizedAddWithMixedBroadcastInt8: input1 [2,3,1,2] (scale 0.1, zp -10), input2 in four shapes
    // (scale 0.05, zp -5), output scale 0.1, zp 7; goldens are TFLM's float goldens quantized as its test does.
    [TestCase(0, new[] { 1, 1, 3, 2 }, new[] { 2, 3, 3, 2 })]
    [TestCase(1, new[] { 1, 3, 1, 2 }, new[] { 2, 3, 1, 2 })]
    [TestCase(2, new[] { 2, 1, 3, 1 }, new[] { 2, 3, 3, 2 })]
    [TestCase(3, new[] { 2, 3, 1, 1 }, new[] { 2, 3, 1, 2 })]
    public void AddInt8MixedBroadcastMatchesTflmGolden(int variant, int[] shape2, int[] outputShape)
    {
        float[] input1 = [-0.3f, 2.3f, 0.9f, 0.5f, 0.8f, -1.1f, 1.2f, 2.8f, -1.6f, 0.0f, 0.7f, -2.2f];
        float[] input2 = [0.2f, 0.3f, -0.4f, 0.5f, 1.0f, 0.9f];
        float[][] goldens =
        [
            [-0.1f, 2.6f, -0.7f, 2.8f, 0.7f, 3.2f, 1.1f, 0.8f, 0.5f, 1.0f, 1.9f, 1.4f, 1.0f, -0.8f, 0.4f, -0.6f, 1.8f, -0.2f,
             1.4f, 3.1f, 0.8f, 3.3f, 2.2f, 3.7f, -1.4f, 0.3f, -2.0f, 0.5f, -0.6f, 0.9f, 0.9f, -1.9f, 0.3f, -1.7f, 1.7f, -1.3f],
            [-0.1f, 2.6f, 0.5f, 1.0f, 1.8f, -0.2f, 1.4f, 3.1f, -2.0f, 0.5f, 1.7f, -1.3f],
            [-0.1f, 2.5f, 0.0f, 2.6f, -0.7f, 1.9f, 1.1f, 0.7f, 1.2f, 0.8f, 0.5f, 0.1f, 1.0f, -0.9f, 1.1f, -0.8f, 0.4f, -1.5f,
             1.7f, 3.3f, 2.2f, 3.8f, 2.1f, 3.7f, -1.1f, 0.5f, -0.6f, 1.0f, -0.7f, 0.9f, 1.2f, -1.7f, 1.7f, -1.2f, 1.6f, -1.3f],
            [-0.1f, 2.5f, 1.2f, 0.8f, 0.4f, -1.5f, 1.7f, 3.3f, -0.6f, 1.0f, 1.6f, -1.3f],
        ];
        var graph = Binary(OpKind.Add, DataType.Int8, [2, 3, 1, 2], Q(0.1f, -10), shape2, Q(0.05f, -5), outputShape, Q(0.1f, 7));
        var result = Run<sbyte>(graph, 0, TflmQuantize(input1, 0.1f, -10), TflmQuantize(input2, 0.05f, -5));
        Assert.That(result, Is.EqualTo(TflmQuantize(goldens[variant], 0.1f, 7)));
    }

    // Zero points at the extremes, hand-computed. s1 = 0.5 (zp -128), s2 = 0.25 (zp 127), so = 1 (zp -128).
    // twice_max = 1: input multipliers 0.5 -> (2^30, 0) and 0.25 -> (2^30, -1); output 1/2^20 -> (2^30, -19).
    // With v1 = x1 + 128 and v2 = x2 - 127, every step is exact until the final divide:
    // ADD: round_half_away((2*v1 + v2) / 4) - 128;  SUB: round_half_away((2*v1 - v2) / 4) - 128.
    [Test]
    public void AddInt8ExtremeZeroPointsHandComputed()
    {
        var graph = Binary(OpKind.Add, DataType.Int8, [6], Q(0.5f, -128), [6], Q(0.25f, 127), [6], Q(1f, -128));
        var result = Run<sbyte>(graph, 0, new sbyte[] { -128, -127, -128, 127, 127, 0 }, new sbyte[] { 127, 127, 125, -128, 127, 0 });
        // n = 2v1+v2: 0 -> 0; 2 -> 0.5 -> 1; -2 -> -0.5 -> -1 (clamped at -128); 510-255=255 -> 63.75 -> 64;
        // 510 -> 127.5 -> 128; 256-127=129 -> 32.25 -> 32.
        Assert.That(result, Is.EqualTo(new sbyte[] { -128, -127, -128, -64, 0, -96 }));
    }

    [Test]
    public void SubInt8ExtremeZeroPointsHandComputed()
    {
        // SUB forms the multipliers in float; with these power-of-two scales they are the same as ADD's.
        var graph = Binary(OpKind.Sub, DataType.Int8, [4], Q(0.5f, -128), [4], Q(0.25f, 127), [4], Q(1f, -128));
        var result = Run<sbyte>(graph, 0, new sbyte[] { -127, 127, -128, -128 }, new sbyte[] { 127, -128, 126, -128 });
        // n = 2v1-v2: 2 -> 1; 510+255=765 -> 191.25 -> 191; 1 -> 0.25 -> 0; 255 -> 63.75 -> 64.
        Assert.That(result, Is.EqualTo(new sbyte[] { -127, 63, -128, -64 }));
    }

    // TFLM forms ADD's multipliers in double (add_common.cc) and SUB's in float (sub_common.cc). With these scales the
    // two give different multipliers: input 1 (1699568768 vs 1699568788, shift -3) and output (1319093120 vs
    // 1319093178, shift -19). Expected values from an independent Python model of TFLM's arithmetic (IEEE float
    // emulated by rounding each operation to binary32): ADD(-111, -127) = -92 (the float path would give -91),
    // SUB(-111, 127) = -91 (the double path would give -92); the negated inputs give the negated results.
    [Test]
    public void AddUsesDoubleAndSubUsesFloatMultipliers()
    {
        var (s1, s2, so) = (Q(0.022475749254226685f, 0), Q(0.1135965883731842f, 0), Q(0.18493524193763733f, 0));
        var add = Binary(OpKind.Add, DataType.Int8, [2], s1, [2], s2, [2], so);
        Assert.That(Run<sbyte>(add, 0, new sbyte[] { -111, 111 }, new sbyte[] { -127, 127 }), Is.EqualTo(new sbyte[] { -92, 92 }));
        var sub = Binary(OpKind.Sub, DataType.Int8, [2], s1, [2], s2, [2], so);
        Assert.That(Run<sbyte>(sub, 0, new sbyte[] { -111, 111 }, new sbyte[] { 127, -127 }), Is.EqualTo(new sbyte[] { -91, 91 }));
    }

    [Test]
    public void Relu6ClampsQuantizedOutput()
    {
        // Output scale 1, zp -128: RELU6 clamps to [-128, -122]. Same arithmetic as the hand-computed ADD case.
        var graph = Binary(OpKind.Add, DataType.Int8, [3], Q(0.5f, -128), [3], Q(0.25f, 127), [3], Q(1f, -128), Activation.Relu6);
        var result = Run<sbyte>(graph, 0, new sbyte[] { -127, 127, -118 }, new sbyte[] { 127, -128, 127 });
        // n/4: 0.5 -> 1 -> -127; 63.75 -> 64 -> -64 -> clamped to -122; v1 = 10: 20/4 = 5 -> -123.
        Assert.That(result, Is.EqualTo(new sbyte[] { -127, -122, -123 }));
    }

    [Test]
    public void SubInt16WithBroadcastHandComputed()
    {
        // Scales 1, 1, 1 (zp 0): input multipliers 0.5 -> (2^30, 0); output 2/2^16 = 2^-15 -> (2^30, -14).
        // (x * 2^15) * 0.5 = x * 2^14 exactly; (x1 - x2) * 2^14 * 2^-15 * 2 = x1 - x2 exactly.
        var graph = Binary(OpKind.Sub, DataType.Int16, [2, 2], Q(1f, 0), [2], Q(1f, 0), [2, 2], Q(1f, 0));
        var result = Run<short>(graph, 0, new short[] { 1000, -1000, 32767, -32768 }, new short[] { 10, -20 });
        Assert.That(result, Is.EqualTo(new short[] { 990, -980, 32757, -32748 }));
    }

    [TestCase(Activation.None)]
    [TestCase(Activation.Relu)]
    [TestCase(Activation.Relu6)]
    [TestCase(Activation.ReluN1To1)]
    public void AddFloatBroadcastClampsWithActivation(Activation activation)
    {
        // Input2 [3] broadcast over input1 [2, 3]; expected: the float sum, then the clamp of the activation.
        float[] a = [-2.0f, 0.2f, 0.7f, 8.5f, -0.25f, 3.0f];
        float[] b = [0.1f, 0.2f, 0.3f];
        var (min, max) = activation switch
        {
            Activation.Relu => (0f, float.MaxValue),
            Activation.Relu6 => (0f, 6f),
            Activation.ReluN1To1 => (-1f, 1f),
            _ => (float.MinValue, float.MaxValue),
        };
        var expected = new float[6];
        for (var i = 0; i < 6; i++)
        {
            var sum = a[i] + b[i % 3];
            expected[i] = sum < min ? min : sum > max ? max : sum;
        }
        var graph = Binary(OpKind.Add, DataType.Float32, [2, 3], null, [3], null, [2, 3], null, activation);
        Assert.That(Run<float>(graph, 0, a, b), Is.EqualTo(expected));
    }

    [Test]
    public void SubFloatScalarBroadcastAndSignedZero()
    {
        // 1 - 1 = +0; with RELU, std::max(-0, 0) keeps -0: (-0) - (+0) = -0 stays -0 (bit pattern 0x80000000).
        var graph = Binary(OpKind.Sub, DataType.Float32, [3], null, [], null, [3], null, Activation.Relu);
        var result = Run<float>(graph, 0, new[] { 1f, -0f, 5.5f }, new[] { 0f });
        Assert.That(result[0], Is.EqualTo(1f));
        Assert.That(BitConverter.SingleToInt32Bits(result[1]), Is.EqualTo(unchecked((int)0x80000000)));
        Assert.That(result[2], Is.EqualTo(5.5f));
    }

    [Test]
    public void FloatInfinityIsClampedToFloatMax()
    {
        // CalculateActivationRange(kNone) bounds float outputs to [lowest, max]: inf becomes FLT_MAX.
        var graph = Binary(OpKind.Add, DataType.Float32, [2], null, [2], null, [2], null);
        var result = Run<float>(graph, 0, new[] { float.PositiveInfinity, float.NegativeInfinity }, new[] { 1f, 1f });
        Assert.That(result, Is.EqualTo(new[] { float.MaxValue, float.MinValue }));
    }

    [Test]
    public void NonBroadcastableShapesAreNamed()
    {
        var graph = Binary(OpKind.Add, DataType.Int8, [2, 3], Q(1, 0), [2, 2], Q(1, 0), [2, 3], Q(1, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (ADD)").And.Contain("'input2'").And.Contain("does not broadcast"));
    }

    [Test]
    public void OutputShapeMismatchIsNamed()
    {
        var graph = Binary(OpKind.Sub, DataType.Float32, [2, 3], null, [3], null, [3, 2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (SUB)").And.Contain("'output'").And.Contain("expected [2x3]"));
    }

    [Test]
    public void MixedTypesAreNamed()
    {
        var graph = Binary(OpKind.Add, DataType.Int8, [2], Q(1, 0), [2], Q(1, 0), [2], Q(1, 0));
        var tensors = graph.Tensors.Select(t => t.Name == "input2" ? t with { Type = DataType.Int16 } : t).ToArray();
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph with { Tensors = tensors }));
        Assert.That(error!.Message, Does.Contain("operator 0 (ADD)").And.Contain("'input2'").And.Contain("int16"));
    }

    [Test]
    public void OutputMultiplierOfOneOrMoreIsRejected()
    {
        // twice_max / (2^20 * so) = 2 / (2^20 * 2^-21) = 4: QuantizeMultiplierSmallerThanOneExp aborts in TFLite.
        var graph = Binary(OpKind.Add, DataType.Int8, [2], Q(1, 0), [2], Q(1, 0), [2], Q(MathF.ScaleB(1, -21), 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (ADD)").And.Contain("output multiplier"));
    }

    [Test]
    public void MissingQuantizationIsNamed()
    {
        var graph = Binary(OpKind.Add, DataType.Int8, [2], Q(1, 0), [2], null, [2], Q(1, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (ADD)").And.Contain("'input2'").And.Contain("no quantization"));
    }

    /// <summary>TFLM's test quantizer (FloatToQuantizedType): round(value / scale) half away from zero, plus the zero point, clamped.</summary>
    internal static sbyte[] TflmQuantize(float[] values, float scale, int zeroPoint) =>
        values.Select(v => (sbyte)Math.Clamp((int)MathF.Round(v / scale, MidpointRounding.AwayFromZero) + zeroPoint, -128, 127)).ToArray();
}
