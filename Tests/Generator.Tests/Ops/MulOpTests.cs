using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class MulOpTests
{
    private static Graph Mul(DataType type, int[] shape1, Quantization? q1, int[] shape2, Quantization? q2,
        int[] outputShape, Quantization? qOut, Activation activation = Activation.None)
    {
        var b = new GraphBuilder();
        var input1 = b.Input("input1", type, shape1, q1);
        var input2 = b.Input("input2", type, shape2, q2);
        var output = b.Activation("output", type, outputShape, qOut);
        b.AddOperator(OpKind.Mul, [input1, input2], [output], new ActivationOptions(activation));
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM mul_test.cc SimpleInt8NoActivation: all scales 0.01, zp 0; {-0.8, 0.2, 0.9, 0.7} x {0.6, 0.4, 0.9, 0.8}
    // = {-0.48, 0.08, 0.81, 0.56}, i.e. q {-80, 20, 90, 70} x {60, 40, 90, 80} -> {-48, 8, 81, 56}.
    [Test]
    public void Int8MatchesTflmGolden()
    {
        var graph = Mul(DataType.Int8, [1, 2, 2, 1], Q(0.01f, 0), [1, 2, 2, 1], Q(0.01f, 0), [1, 2, 2, 1], Q(0.01f, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { -80, 20, 90, 70 }, new sbyte[] { 60, 40, 90, 80 });
        Assert.That(result, Is.EqualTo(new sbyte[] { -48, 8, 81, 56 }));
    }

    // TFLM mul_test.cc BroadcastInt8/Int16NoActivation: input [1,3,1,2] x scalar [1], input scale 0.05, output 0.01.
    // {-2.0, 0.2, 0.7, 0.8, 1.1, 2.0} -> {-40, 4, 14, 16, 22, 40}; 0.1 -> 2; golden x 100 = {-20, 2, 7, 8, 11, 20}.
    [Test]
    public void Int8ScalarBroadcastMatchesTflmGolden()
    {
        var graph = Mul(DataType.Int8, [1, 3, 1, 2], Q(0.05f, 0), [1], Q(0.05f, 0), [1, 3, 1, 2], Q(0.01f, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { -40, 4, 14, 16, 22, 40 }, new sbyte[] { 2 });
        Assert.That(result, Is.EqualTo(new sbyte[] { -20, 2, 7, 8, 11, 20 }));
    }

    [Test]
    public void Int16ScalarBroadcastMatchesTflmGolden()
    {
        var graph = Mul(DataType.Int16, [1, 3, 1, 2], Q(0.05f, 0), [1], Q(0.05f, 0), [1, 3, 1, 2], Q(0.01f, 0));
        var result = Run<short>(graph, 0, new short[] { -40, 4, 14, 16, 22, 40 }, new short[] { 2 });
        Assert.That(result, Is.EqualTo(new short[] { -20, 2, 7, 8, 11, 20 }));
    }

    // s1 = 1 + 2^-23 and s2 = 1 - 2^-23 (both exact floats), so = 1: the double product is 1 - 2^-46, whose frexp
    // significand times 2^31 rounds up to 2^31; QuantizeMultiplier halves it to 2^30 with shift 1, an exact 1.0.
    // Zero points -128 and 127: output = (x1 + 128) * (x2 - 127) + 0, clamped.
    [Test]
    public void MultiplierRoundingUpToTwoPow31IsExactlyOne()
    {
        var s1 = BitConverter.Int32BitsToSingle(0x3F800001);
        var s2 = BitConverter.Int32BitsToSingle(0x3F7FFFFE);
        var graph = Mul(DataType.Int8, [4], Q(s1, -128), [4], Q(s2, 127), [4], Q(1f, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { -128, -127, -125, -118 }, new sbyte[] { 0, 120, 117, 120 });
        // 0 * -127 = 0; 1 * -7 = -7; 3 * -10 = -30; 10 * -7 = -70.
        Assert.That(result, Is.EqualTo(new sbyte[] { 0, -7, -30, -70 }));
    }

    // s1 = s2 = 1, so = 1/16: real 16 -> (2^30, shift 5), a left shift: 16 * x1 * x2, clamped to int8.
    [Test]
    public void LeftShiftAndSaturation()
    {
        var graph = Mul(DataType.Int8, [4], Q(1f, 0), [4], Q(1f, 0), [4], Q(0.0625f, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { 3, -2, 5, -3 }, new sbyte[] { 2, 3, 4, 3 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 96, -96, 127, -128 }));
    }

    // s1 = s2 = 1, so = 1024: real 2^-10 -> (2^30, shift -9): round half away from zero of x1*x2 / 1024.
    // Output zero point 127 and RELU6 bound: quantize(6) = 127 + round(6/1024) = 127.
    [Test]
    public void LargeRightShiftRoundsHalfAwayFromZero()
    {
        var graph = Mul(DataType.Int8, [4], Q(1f, 0), [4], Q(1f, 0), [4], Q(1024f, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { 32, -32, 16, 127 }, new sbyte[] { 48, 48, 32, 127 });
        // 1536/1024 = 1.5 -> 2; -1.5 -> -2; 512/1024 = 0.5 -> 1; 16129/1024 = 15.75 -> 16.
        Assert.That(result, Is.EqualTo(new sbyte[] { 2, -2, 1, 16 }));
    }

    [Test]
    public void ReluN1To1ClampsAroundZeroPoint()
    {
        // Scales 0.01 everywhere, output zp 127 would leave no headroom; use zp -20: RELU_N1_TO_1 -> [-120, 80].
        var graph = Mul(DataType.Int8, [3], Q(0.01f, 0), [3], Q(0.01f, 0), [3], Q(0.01f, -20), Activation.ReluN1To1);
        var result = Run<sbyte>(graph, 0, new sbyte[] { -100, 100, 50 }, new sbyte[] { 110, 110, 30 });
        // -1.1 -> -110 - 20 = -130 -> -120; 1.1 -> 90 -> 80; 0.15 -> 15 - 20 = -5.
        Assert.That(result, Is.EqualTo(new sbyte[] { -120, 80, -5 }));
    }

    [Test]
    public void FloatBroadcastWithRelu()
    {
        // TFLM mul_test.cc BroadcastFloatRelu inputs; expected is the float product clamped at 0.
        float[] a = [-2.0f, 0.2f, 0.7f, 0.8f, 1.1f, 2.0f];
        var graph = Mul(DataType.Float32, [1, 3, 1, 2], null, [1], null, [1, 3, 1, 2], null, Activation.Relu);
        var result = Run<float>(graph, 0, a, new[] { 0.1f });
        Assert.That(result, Is.EqualTo(a.Select(v => Math.Max(0f, v * 0.1f)).ToArray()));
    }

    [Test]
    public void Int16NonZeroZeroPointIsRejected()
    {
        var graph = Mul(DataType.Int16, [2], Q(1, 0), [2], Q(1, 3), [2], Q(1, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (MUL)").And.Contain("'input2'").And.Contain("zero point 0"));
    }

    [Test]
    public void UnsupportedTypeIsNamed()
    {
        var graph = Mul(DataType.UInt8, [2], Q(1, 0), [2], Q(1, 0), [2], Q(1, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (MUL)").And.Contain("'output'").And.Contain("uint8"));
    }
}
