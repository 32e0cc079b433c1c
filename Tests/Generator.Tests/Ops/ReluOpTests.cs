using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ReluOpTests
{
    private static Graph Activation(OpKind kind, DataType type, Quantization? inputQ, Quantization? outputQ, int length)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, [length], inputQ);
        var output = b.Activation("output", type, [length], outputQ);
        b.AddOperator(kind, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void ReluInt8MatchesTflmGolden()
    {
        // TFLM SimpleReluTestInt8: scale 0.5, zero point 0: {1..5, -1..-5} -> {1..5, 0 x 5}.
        var result = Run<sbyte>(Activation(OpKind.Relu, DataType.Int8, Q(0.5f, 0), Q(0.5f, 0), 10), 0,
            new sbyte[] { 2, 4, 6, 8, 10, -2, -4, -6, -8, -10 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 2, 4, 6, 8, 10, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void ReluInt8RequantizesBetweenScalesAndZeroPoints()
    {
        // input scale 0.5 / output scale 0.25 = 2.0 (2^30, shift 2), input zero point -128, output zero point -128:
        // q = -128 (x = 0) -> -128; q = -100 (x = 28) -> 56 - 128 = -72; q = 127 (x = 255) -> 510 - 128, clamped to 127.
        // The lower clamp is the output zero point: max(-128, -128 + round(0 / 0.25)) = -128.
        var graph = Activation(OpKind.Relu, DataType.Int8, Q(0.5f, -128), Q(0.25f, -128), 3);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -100, 127 }), Is.EqualTo(new sbyte[] { -128, -72, 127 }));
        // Output zero point 127 (the upper int8 limit): the clamp [127, 127] leaves only 127.
        var saturated = Activation(OpKind.Relu, DataType.Int8, Q(0.5f, 0), Q(0.5f, 127), 3);
        Assert.That(Run<sbyte>(saturated, 0, new sbyte[] { -128, 0, 127 }), Is.EqualTo(new sbyte[] { 127, 127, 127 }));
    }

    [Test]
    public void ReluInt16HalvesWithRounding()
    {
        // Zero points 0, scale 1/1024 -> 1/512: multiplier 0.5: 3 -> 2, 32767 -> 16384 (16383.5 rounds up),
        // -1000 -> -500 -> clamped at 0.
        var graph = Activation(OpKind.Relu, DataType.Int16, Q(1f / 1024, 0), Q(1f / 512, 0), 3);
        Assert.That(Run<short>(graph, 0, new short[] { 3, 32767, -1000 }), Is.EqualTo(new short[] { 2, 16384, 0 }));
    }

    [Test]
    public void Relu6Int8MatchesTflmGolden()
    {
        // TFLM SimpleRelu6TestInt8: scale 0.5, zero points 127: every input quantizes to 127 or below
        // (4 / 0.5 + 127 = 135 clamps to 127), zero is 127 and six clamps to 127, so all outputs are 127.
        var result = Run<sbyte>(Activation(OpKind.Relu6, DataType.Int8, Q(0.5f, 127), Q(0.5f, 127), 4), 0, new sbyte[] { 127, 117, 0, -128 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 127, 127, 127, 127 }));
    }

    [Test]
    public void Relu6Int8ClampsOnTheInputScaleOnly()
    {
        // Input scale 0.05, zero point -100: zero = -100, six = round(6 / 0.05) - 100 = 20. TFLM's RELU6 clamps the input
        // codes to [-100, 20] and ignores the output quantization (here deliberately different).
        var graph = Activation(OpKind.Relu6, DataType.Int8, Q(0.05f, -100), Q(0.1f, 3), 5);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -100, -50, 20, 127 }), Is.EqualTo(new sbyte[] { -100, -100, -50, 20, 20 }));
    }

    [Test]
    public void Relu6Int16()
    {
        // Scale 1/1024, zero point 0: six = 6144.
        var graph = Activation(OpKind.Relu6, DataType.Int16, Q(1f / 1024, 0), Q(1f / 1024, 0), 4);
        Assert.That(Run<short>(graph, 0, new short[] { -5, 0, 6000, 32767 }), Is.EqualTo(new short[] { 0, 0, 6000, 6144 }));
    }

    [Test]
    public void ReluN1To1Int8RequantizesAndClampsToPlusMinusOne()
    {
        // Input scale 1/64, output 1/128: multiplier 2. Bounds on the output: round(-1 / (1/128)) = -128 and 128,
        // clamped to the int8 range. {-128, -64, -10, 10, 64, 127} -> {-256, -128, -20, 20, 128, 254} -> clamped.
        var graph = Activation(OpKind.ReluN1To1, DataType.Int8, Q(1f / 64, 0), Q(1f / 128, 0), 6);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -64, -10, 10, 64, 127 }), Is.EqualTo(new sbyte[] { -128, -128, -20, 20, 127, 127 }));
        // Output scale 1/32, zero point 10: bounds 10 - 32 = -22 and 10 + 32 = 42; multiplier 0.5.
        var offset = Activation(OpKind.ReluN1To1, DataType.Int8, Q(1f / 64, 0), Q(1f / 32, 10), 4);
        Assert.That(Run<sbyte>(offset, 0, new sbyte[] { -128, -6, 6, 127 }), Is.EqualTo(new sbyte[] { -22, 7, 13, 42 }));
    }

    [Test]
    public void FloatClampsKeepNegativeZeroAndNaN()
    {
        // TFLM ReluFloat: x < 0 ? 0 : x (so -0 and NaN pass through); Relu6Float and Relu1 clamp to [0, 6] and [-1, 1].
        var relu = Run<float>(Activation(OpKind.Relu, DataType.Float32, null, null, 5), 0, new[] { -1f, 0f, -0f, 3f, float.NaN });
        Assert.That(relu[..4], Is.EqualTo(new[] { 0f, 0f, -0f, 3f }));
        Assert.That(float.IsNegative(relu[2]) && float.IsNaN(relu[4]), Is.True);
        Assert.That(Run<float>(Activation(OpKind.Relu6, DataType.Float32, null, null, 3), 0, new[] { 7f, -1f, 2.5f }), Is.EqualTo(new[] { 6f, 0f, 2.5f }));
        Assert.That(Run<float>(Activation(OpKind.ReluN1To1, DataType.Float32, null, null, 3), 0, new[] { -2f, 0.5f, 1.5f }), Is.EqualTo(new[] { -1f, 0.5f, 1f }));
    }

    [Test]
    public void ReluInt16NonZeroZeroPointIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Activation(OpKind.Relu, DataType.Int16, Q(1f, 2), Q(1f, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (RELU)").And.Contain("'input'").And.Contain("zero point 2 must be 0"));
    }

    [Test]
    public void ReluN1To1Int16IsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Activation(OpKind.ReluN1To1, DataType.Int16, Q(1f, 0), Q(1f, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (RELU_N1_TO_1)").And.Contain("'input'").And.Contain("int16"));
    }

    [Test]
    public void TinyOutputScaleBoundIsRejected()
    {
        // -1 / 1e-12 does not fit an int32.
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Activation(OpKind.ReluN1To1, DataType.Int8, Q(1f, 0), Q(1e-12f, 0), 2)));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("does not quantize"));
    }
}
