using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class LogisticOpTests
{
    private static Graph Logistic(DataType type, Quantization? inputQ, Quantization? outputQ, int length)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, [1, length], inputQ);
        var output = b.Activation("output", type, [1, length], outputQ);
        b.AddOperator(OpKind.Logistic, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Test]
    public void Int8MatchesTflmGolden()
    {
        // TFLM LogisticQuantizedInt8BasicShouldMatchGolden: inputs {1..5, -1..-5} at scale 0.1, golden quantized at
        // 1/255 with zero point -128, tolerance 1 (the kernel's steps are 1/256: TFLM does not check the scale).
        var inputs = new float[] { 1, 2, 3, 4, 5, -1, -2, -3, -4, -5 };
        var graph = Logistic(DataType.Int8, Q(0.1f, 0), Q(1f / 255, -128), 10);
        var result = Run<sbyte>(graph, 0, inputs.Select(v => (sbyte)(v / 0.1f)).ToArray());
        var golden = inputs.Select(v => Math.Round(Sigmoid(v) * 255, MidpointRounding.AwayFromZero) - 128);
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(1.0));
    }

    [Test]
    public void Int8HandComputedAtPowerOfTwoScale()
    {
        // Input scale 1/16: real multiplier 2^-4 * 2^27 = 2^23 = 0.5 * 2^24, so multiplier 2^30, shift 24, and the
        // radius is floor(15 * 2^27 / 2^24) = 120. q - zp = 16 is 1.0: MBQM(16, 2^30, 24) = 2^27 = 1.0 in Q4.27.
        // gemmlowp logistic(1.0) = 1569936226 (Q0.31), / 2^23 rounded = 187, minus 128 = 59; logistic(-1.0) =
        // 577547421 -> 69 -> -59; logistic(0) = 2^30 -> 128 -> 0. At or beyond the radius the output saturates.
        // Zero point 127 (the int8 limit): q = 127 is 0.0, q = 111 is -1.0, q = -128 is -15.9 (beyond the radius).
        var graph = Logistic(DataType.Int8, Q(1f / 16, 127), Q(1f / 256, -128), 4);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 127, 111, -128, 7 }), Is.EqualTo(new sbyte[] { 0, -59, -128, -128 }));
        var centered = Logistic(DataType.Int8, Q(1f / 16, 0), Q(1f / 256, -128), 4);
        Assert.That(Run<sbyte>(centered, 0, new sbyte[] { 16, -16, 120, -120 }), Is.EqualTo(new sbyte[] { 59, -59, 127, -128 }));
    }

    [Test]
    public void Int8LargeScaleGivesRadiusZero()
    {
        // Scale 100: 100 * 2^27 = 0.78125 * 2^34, shift 34, radius floor(15 * 2^27 / 2^34) = 0. Every input then takes a
        // saturation branch, including the zero point itself (0 <= -0): {0, -1, 1, -128} -> {-128, -128, 127, -128}.
        var graph = Logistic(DataType.Int8, Q(100f, 0), Q(1f / 256, -128), 4);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 0, -1, 1, -128 }), Is.EqualTo(new sbyte[] { -128, -128, 127, -128 }));
    }

    [Test]
    public void Int8TinyScaleIsRejected()
    {
        // Scale 2^-30: 2^-30 * 2^27 = 0.5 * 2^-2, a negative shift for which TFLM's input radius is undefined.
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Logistic(DataType.Int8, Q(MathF.Pow(2, -30), 0), Q(1f / 256, -128), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (LOGISTIC)").And.Contain("'input'").And.Contain("outside the range"));
    }

    [Test]
    public void Int16MatchesTflmGolden()
    {
        // TFLM LogisticQuantizedInt16ShouldMatchGolden: 177 inputs from -20 to 20 at scale 32/65536 (not the power of
        // two the table wants: multiplier 24576, shift 12), quantized with clamping as TFLM does (beyond +-16 the input
        // saturates), golden logistic(x) at scale 2/65536, tolerance 16.
        const int count = 177;
        var inputs = Enumerable.Range(0, count).Select(i => -20.0 + i * 40.0 / 176).ToArray();
        var graph = Logistic(DataType.Int16, Q(32f / 65536, 0), Q(2f / 65536, 0), count);
        var result = Run<short>(graph, 0, inputs.Select(v => (short)Math.Clamp(Math.Round(v / (32.0 / 65536), MidpointRounding.AwayFromZero), -32768, 32767)).ToArray());
        var golden = inputs.Select(v => Math.Round(Sigmoid(v) * 32768, MidpointRounding.AwayFromZero));
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(16.0));
    }

    [Test]
    public void Int16HandComputedFromTheSigmoidTable()
    {
        // Scale 2^-12: shift (15 - 3) - 12 = 0, a power of two, so the kernel multiplies by 3: x * 3 indexes the table
        // sigmoid(i/24) in steps of 512. x = 0: entry 0 (32768) << 9, plus 512, >> 10 = 16384.
        // x = 4096 (1.0): 12288 is entry 24 (47911): (47911 * 512 + 512) >> 10 = 23956.
        // x = -4096: (2^25 - 47911 * 512 + 511) >> 10 = 8812 (the two add up to 32768).
        // x = 100: 300 is entry 0 plus 300/512 of the way to 33451: (32768 * 512 + 300 * 683 + 512) >> 10 = 16584.
        var graph = Logistic(DataType.Int16, Q(1f / 4096, 0), Q(1f / 32768, 0), 4);
        Assert.That(Run<short>(graph, 0, new short[] { 0, 4096, -4096, 100 }), Is.EqualTo(new short[] { 16384, 23956, 8812, 16584 }));
    }

    [Test]
    public void Int16NonPowerOfTwoScaleUsesTheDoubledMultiplier()
    {
        // Scale 3e-4: 3e-4 * 4096 * 3 = 3.6864, doubled 13 times to 30199.05 (> 32767/2): multiplier 30199, shift 13.
        // x = 1000: (1000 * 30199 + 4096) >> 13 = 3686 = entry 7 (37513) plus 102/512 towards entry 8 (38180):
        // (37513 * 512 + 102 * 667 + 512) >> 10 = 18823 (sigmoid(0.3) * 32768 = 18823.3).
        var graph = Logistic(DataType.Int16, Q(3e-4f, 0), Q(1f / 32768, 0), 1);
        Assert.That(Run<short>(graph, 0, new short[] { 1000 }), Is.EqualTo(new short[] { 18823 }));
    }

    [Test]
    public void FloatMatchesTflmGoldenAndCutoffs()
    {
        // TFLM LogisticFloatWideRangeShouldMatchGolden (tolerance 1e-5); logistic(0) is exactly 0.5 and inputs above
        // 16.619047 give exactly 1.
        var inputs = new float[] { 1, 2, 3, 4, 93, -1, -2, -3, -4, -93 };
        var result = Run<float>(Logistic(DataType.Float32, null, null, 10), 0, inputs);
        Assert.That(result, Is.EqualTo(inputs.Select(v => (float)Sigmoid(v))).Within(1e-5));
        Assert.That(Run<float>(Logistic(DataType.Float32, null, null, 2), 0, new[] { 0f, 16.7f }), Is.EqualTo(new[] { 0.5f, 1f }));
    }

    [Test]
    public void Int8OutputZeroPointMustBeMinus128()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Logistic(DataType.Int8, Q(0.1f, 0), Q(1f / 256, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (LOGISTIC)").And.Contain("'output'").And.Contain("must be -128"));
    }

    [Test]
    public void Int16OutputScaleMustBeTwoToTheMinus15()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Logistic(DataType.Int16, Q(1f / 4096, 0), Q(1f / 16384, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (LOGISTIC)").And.Contain("'output'").And.Contain("2^-15"));
    }

    [Test]
    public void Int16InputZeroPointMustBeZero()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Logistic(DataType.Int16, Q(1f / 4096, 3), Q(1f / 32768, 0), 2)));
        Assert.That(error!.Message, Does.Contain("'input'").And.Contain("zero point 3 must be 0"));
    }
}
