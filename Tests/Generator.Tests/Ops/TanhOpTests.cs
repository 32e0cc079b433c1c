using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class TanhOpTests
{
    private static Graph Tanh(DataType type, Quantization? inputQ, Quantization? outputQ, int length, DataType? outputType = null)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, [1, length], inputQ);
        var output = b.Activation("output", outputType ?? type, [1, length], outputQ);
        b.AddOperator(OpKind.Tanh, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8MatchesTflmGolden()
    {
        // TFLM SimpleTestTanhInt8: 90 inputs from -8 to 8 at scale 16/256, golden tanh(x) quantized at
        // 1.99999955/256, tolerance 2.
        const int count = 90;
        var inputs = Enumerable.Range(0, count).Select(i => -8.0 + i * 16.0 / 88).ToArray();
        var graph = Tanh(DataType.Int8, Q(16f / 256, 0), Q(1.99999955f / 256, 0), count);
        var result = Run<sbyte>(graph, 0, inputs.Select(v => (sbyte)Math.Clamp(Math.Round(v / (16.0 / 256), MidpointRounding.AwayFromZero), -128, 127)).ToArray());
        var golden = inputs.Select(v => Math.Clamp(Math.Round(Math.Tanh(v) / (1.99999955 / 256), MidpointRounding.AwayFromZero), -128, 127));
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(2.0));
    }

    [Test]
    public void Int8HandComputedAtPowerOfTwoScale()
    {
        // Scale 1/16: multiplier 2^30, shift 24, radius 120 (as for LOGISTIC). q - zp = 16 is 1.0 in Q4.27;
        // gemmlowp tanh(1.0) = 1635510876, / 2^24 rounded = 97 (tanh(1) * 128 = 97.5); tanh(-1.0) -> -97; no output
        // zero point is added. Zero point -128 (the int8 limit): q = -128 is 0, q = -112 is 1.0, q = 127 is 15.9
        // (beyond the radius: 127).
        var graph = Tanh(DataType.Int8, Q(1f / 16, -128), Q(1f / 128, 0), 3);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, -112, 127 }), Is.EqualTo(new sbyte[] { 0, 97, 127 }));
        var centered = Tanh(DataType.Int8, Q(1f / 16, 0), Q(1f / 128, 0), 4);
        Assert.That(Run<sbyte>(centered, 0, new sbyte[] { 16, -16, 120, -120 }), Is.EqualTo(new sbyte[] { 97, -97, 127, -128 }));
    }

    [Test]
    public void Int8LargeScaleGivesRadiusZero()
    {
        // As for LOGISTIC: scale 100 gives radius 0, so 0 maps to -128 and any positive input to 127.
        var graph = Tanh(DataType.Int8, Q(100f, 0), Q(1f / 128, 0), 4);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 0, -1, 1, -128 }), Is.EqualTo(new sbyte[] { -128, -128, 127, -128 }));
    }

    [Test]
    public void Int16MatchesTflmGolden()
    {
        // TFLM TestTanhInt16WideRange: 177 inputs from -20 to 20 at scale 32/65536 (shift 1: a power of two the kernel
        // handles as multiplier 6), quantized with clamping as TFLM does, golden tanh(x) at 2/65536, tolerance 16.
        const int count = 177;
        var inputs = Enumerable.Range(0, count).Select(i => -20.0 + i * 40.0 / 176).ToArray();
        var graph = Tanh(DataType.Int16, Q(32f / 65536, 0), Q(2f / 65536, 0), count);
        var result = Run<short>(graph, 0, inputs.Select(v => (short)Math.Clamp(Math.Round(v / (32.0 / 65536), MidpointRounding.AwayFromZero), -32768, 32767)).ToArray());
        var golden = inputs.Select(v => Math.Clamp(Math.Round(Math.Tanh(v) * 32768, MidpointRounding.AwayFromZero), -32768, 32767));
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(16.0));
    }

    [Test]
    public void Int16HandComputedFromTheSigmoidTable()
    {
        // Scale 2^-12: shift 0, multiplier 3: x * 3 indexes sigmoid(i/24) in steps of 256 (tanh(x) = 2 sigmoid(2x) - 1).
        // x = 0: (32768 << 8) - 2^23 + 128 = 128, >> 8 = 0. x = 4096: 12288 is entry 48 (57724):
        // (57724 << 8) - 2^23 + 128 = 6388864, >> 8 = 24956 (tanh(1) * 32768 = 24956.2).
        // x = -4096: -(57724 << 8) + 2^23 + 127 = -6388609, >> 8 (floor) = -24956.
        // Scale 2^-11 (shift 1, multiplier 6): x = 2048 is 1.0 again and gives 24956.
        var graph = Tanh(DataType.Int16, Q(1f / 4096, 0), Q(1f / 32768, 0), 3);
        Assert.That(Run<short>(graph, 0, new short[] { 0, 4096, -4096 }), Is.EqualTo(new short[] { 0, 24956, -24956 }));
        var shifted = Tanh(DataType.Int16, Q(1f / 2048, 0), Q(1f / 32768, 0), 1);
        Assert.That(Run<short>(shifted, 0, new short[] { 2048 }), Is.EqualTo(new short[] { 24956 }));
    }

    [Test]
    public void FloatMatchesTflmGolden()
    {
        // TFLM SimpleTestTanhFloat: tolerance 1e-7.
        const int count = 90;
        var inputs = Enumerable.Range(0, count).Select(i => (float)(-8.0 + i * 16.0 / 88)).ToArray();
        var result = Run<float>(Tanh(DataType.Float32, null, null, count), 0, inputs);
        Assert.That(result, Is.EqualTo(inputs.Select(v => (float)Math.Tanh(v))).Within(1e-7));
    }

    [Test]
    public void Int16OutputScaleMustBeTwoToTheMinus15()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Tanh(DataType.Int16, Q(1f / 4096, 0), Q(1f / 1000, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (TANH)").And.Contain("'output'").And.Contain("2^-15"));
    }

    [Test]
    public void Int16OutputZeroPointMustBeZero()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Tanh(DataType.Int16, Q(1f / 4096, 0), Q(1f / 32768, 1), 2)));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("zero point 1 must be 0"));
    }

    [Test]
    public void TypeMismatchIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Tanh(DataType.Int8, Q(1f / 16, 0), Q(1f / 32768, 0), 2, DataType.Int16)));
        Assert.That(error!.Message, Does.Contain("operator 0 (TANH)").And.Contain("'output'"));
    }
}
