using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class LeakyReluOpTests
{
    private static Graph LeakyRelu(DataType type, Quantization? inputQ, Quantization? outputQ, int length, float alpha)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, [length], inputQ);
        var output = b.Activation("output", type, [length], outputQ);
        b.AddOperator(OpKind.LeakyRelu, [input], [output], new LeakyReluOptions(alpha));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8MatchesTflmGolden()
    {
        // TFLM QuantizedActivationsOpTestLeakyReluInt8_1: scale 0.1, zero point 0, alpha 0.5:
        // {0, 1, 3, 1, -1, -2} -> {0, 1, 3, 1, -0.5, -1}, here exactly: q {0, 10, 30, 10, -10, -20} -> {0, 10, 30, 10, -5, -10}.
        var result = Run<sbyte>(LeakyRelu(DataType.Int8, Q(0.1f, 0), Q(0.1f, 0), 6, 0.5f), 0, new sbyte[] { 0, 10, 30, 10, -10, -20 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 0, 10, 30, 10, -5, -10 }));
    }

    [Test]
    public void AlphaHalfRoundsNegativeTiesTowardZero()
    {
        // Scales 0.5: identity multiplier 1.0 (2^30, shift 1: exact); alpha multiplier 0.5 * 0.5 / 0.5 = 0.5 (2^30, shift 0):
        // SRDHM(x, 2^30) = (x * 2^30 + 1 - 2^30) / 2^31 truncated for x < 0, so -3 -> -1.99.. -> -1, -5 -> -2,
        // -1 -> 0, -128 -> -64.49.. -> -64 (ties of negatives go toward zero).
        var graph = LeakyRelu(DataType.Int8, Q(0.5f, 0), Q(0.5f, 0), 7, 0.5f);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -5, -3, -1, 0, 1, 127 }), Is.EqualTo(new sbyte[] { -64, -2, -1, 0, 0, 1, 127 }));
    }

    [Test]
    public void NegativeAlphaNegatesTheMagnitudeProduct()
    {
        // alpha -0.5: multiplier -0.5 = -2^30 * 2^(0-31). The kernel rescales by |multiplier| and negates:
        // -128 -> -64 -> 64, -5 -> -2 -> 2, -3 -> -1 -> 1.
        var graph = LeakyRelu(DataType.Int8, Q(0.5f, 0), Q(0.5f, 0), 5, -0.5f);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -5, -3, 0, 127 }), Is.EqualTo(new sbyte[] { 64, 2, 1, 0, 127 }));
    }

    [Test]
    public void ZeroPointsAtTheInt8Limits()
    {
        // Input zero point 127, output zero point -128, scales 0.5, alpha 0.5: q = 127 is 0 -> -128; q = 124 is -3 ->
        // -1 -> -129 -> clamped -128; q = -128 is -255 -> -127 -> -255 -> -128. Output zero point 127 instead:
        // {127, 124, -128} -> {127, 126, 0}.
        Assert.That(Run<sbyte>(LeakyRelu(DataType.Int8, Q(0.5f, 127), Q(0.5f, -128), 3, 0.5f), 0, new sbyte[] { 127, 124, -128 }),
            Is.EqualTo(new sbyte[] { -128, -128, -128 }));
        Assert.That(Run<sbyte>(LeakyRelu(DataType.Int8, Q(0.5f, 127), Q(0.5f, 127), 3, 0.5f), 0, new sbyte[] { 127, 124, -128 }),
            Is.EqualTo(new sbyte[] { 127, 126, 0 }));
    }

    [Test]
    public void Int16MatchesTflmGolden()
    {
        // TFLM QuantizedActivationsOpTestLeakyReluInt16_1: scale 0.01: q {0, 100, 300, 100, -100, -200} ->
        // {0, 100, 300, 100, -50, -100}. The identity multiplier 0.01f / 0.01f is exactly 1.
        var result = Run<short>(LeakyRelu(DataType.Int16, Q(0.01f, 0), Q(0.01f, 0), 6, 0.5f), 0, new short[] { 0, 100, 300, 100, -100, -200 });
        Assert.That(result, Is.EqualTo(new short[] { 0, 100, 300, 100, -50, -100 }));
    }

    [Test]
    public void Int16RescalesBetweenScales()
    {
        // Input scale 1/1024, output 1/512: identity multiplier 0.5: 3 -> 2 (1.5 rounds up), 32767 -> 16384;
        // alpha 0.25 -> multiplier 0.125 (2^30, shift -2): -1000 -> SRDHM -500 -> / 4 = -125.
        var graph = LeakyRelu(DataType.Int16, Q(1f / 1024, 0), Q(1f / 512, 0), 3, 0.25f);
        Assert.That(Run<short>(graph, 0, new short[] { 3, 32767, -1000 }), Is.EqualTo(new short[] { 2, 16384, -125 }));
    }

    [Test]
    public void FloatMatchesTflmGolden()
    {
        // TFLM FloatActivationsOpTestLeakyRelu, plus -0 (not > 0, so -0 * alpha = -0).
        var result = Run<float>(LeakyRelu(DataType.Float32, null, null, 7, 0.5f), 0, new[] { 0f, 1f, 3f, 1f, -1f, -2f, -0f });
        Assert.That(result, Is.EqualTo(new[] { 0f, 1f, 3f, 1f, -0.5f, -1f, -0f }));
        Assert.That(float.IsNegative(result[6]), Is.True);
    }

    [Test]
    public void MismatchedTypesAreRejected()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2], Q(1f, 0));
        var output = b.Activation("output", DataType.Int16, [2], Q(1f, 0));
        b.AddOperator(OpKind.LeakyRelu, [input], [output], new LeakyReluOptions(0.1f));
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (LEAKY_RELU)").And.Contain("'output'"));
    }
}
