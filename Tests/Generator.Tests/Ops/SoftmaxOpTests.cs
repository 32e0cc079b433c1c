using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class SoftmaxOpTests
{
    // TFLM softmax_test.cc 1-D and 2-D data: inputs {1..5} (and {-1..-5}) with float goldens.
    private static readonly float[] Golden1D = [0.011656231f, 0.031684921f, 0.086128544f, 0.234121657f, 0.636408647f];

    private static Graph Softmax(DataType inputType, Quantization? inputQ, DataType outputType, Quantization? outputQ, int[] shape, float beta = 1f)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", inputType, shape, inputQ);
        var output = b.Activation("output", outputType, shape, outputQ);
        b.AddOperator(OpKind.Softmax, [input], [output], new SoftmaxOptions(beta));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8MatchesTflmGoldenWithinItsToleranceAndExactly()
    {
        // Inputs {1..5} at scale 0.1 are q = {10..50}; TFLM quantizes the golden at 1/256, zero point -128, and accepts
        // a difference of 1. The exact bytes are those TFLM's reference kernel produces for this case.
        var graph = Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int8, Q(1f / 256, -128), [1, 5]);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 10, 20, 30, 40, 50 });
        var golden = Golden1D.Select(g => Math.Round(g * 256, MidpointRounding.AwayFromZero) - 128).ToArray();
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(1.0));
        Assert.That(result, Is.EqualTo(new sbyte[] { -125, -120, -106, -68, 35 }));
    }

    [Test]
    public void Int8UniformRowGivesExactQuarters()
    {
        // Four equal inputs: every difference is 0, exp(0) is One (2^31 - 1), rescaled to Q12.19 it is 2^19, the sum
        // is 2^21. GetReciprocal: 10 leading zeros, numBitsOverUnit = 12 - 10 = 2, shifted sum - 1 = 0, so the
        // reciprocal is One. Each output: SRDHM(One, One) = 2^31 - 2, divided by 2^(2 + 31 - 8) = 2^25 with rounding
        // = 64, minus 128 = -64 (0.25 at scale 1/256). The input zero point (-128 here) cancels out.
        var graph = Softmax(DataType.Int8, Q(0.3f, -128), DataType.Int8, Q(1f / 256, -128), [2, 4]);
        var result = Run<sbyte>(graph, 0, new sbyte[] { -128, -128, -128, -128, 127, 127, 127, 127 });
        Assert.That(result, Is.EqualTo(Enumerable.Repeat((sbyte)-64, 8)));
    }

    [Test]
    public void Int8SingleElementSaturatesAt127()
    {
        // Depth 1: sum 2^19, 12 leading zeros, numBitsOverUnit 0, exponent 23: (2^31 - 2) / 2^23 rounds to 256,
        // minus 128 is 128, clamped to 127.
        var graph = Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int8, Q(1f / 256, -128), [3, 1]);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -128, 0, 127 }), Is.EqualTo(new sbyte[] { 127, 127, 127 }));
    }

    [Test]
    public void Int8HugeBetaCapsTheMultiplier()
    {
        // beta 1e6 at scale 1: beta * scale * 2^26 is capped at 2^31 - 1, i.e. multiplier 2^31 - 1 with left shift 31,
        // and diff_min = -floor(31 * 2^26 / 2^31) = 0: only the row maxima contribute. Two maxima: sum 2^20,
        // numBitsOverUnit 1, reciprocal One, (2^31 - 2) / 2^24 rounds to 128: 0 (one half); the others are -128.
        var graph = Softmax(DataType.Int8, Q(1f, 0), DataType.Int8, Q(1f / 256, -128), [4], beta: 1e6f);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 0, -1, 5, 5 }), Is.EqualTo(new sbyte[] { -128, -128, 0, 0 }));
    }

    [Test]
    public void Int8ToInt16MatchesTflmGoldenAndUniformRow()
    {
        // TFLM Softmax2DQuantizedInt8InputInt16OutputShouldMatchGolden: output 1/65536, zero point -32768, tolerance 1.
        var graph = Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int16, Q(1f / 65536, -32768), [2, 5]);
        var result = Run<short>(graph, 0, new sbyte[] { 10, 20, 30, 40, 50, -10, -20, -30, -40, -50 });
        var golden = Golden1D.Concat(Golden1D.Reverse()).Select(g => Math.Round(g * 65536, MidpointRounding.AwayFromZero) - 32768);
        Assert.That(result.Select(v => (double)v), Is.EqualTo(golden).Within(1.0));
        Assert.That(result, Is.EqualTo(new short[] { -32004, -30692, -27123, -17425, 8940, 8940, -17425, -27123, -30692, -32004 }));

        // Uniform row of 4: as in the int8 case but the exponent is 2 + 31 - 16 = 17: (2^31 - 2) / 2^17 rounds to
        // 16384, minus 32768.
        var uniform = Run<short>(Softmax(DataType.Int8, Q(0.5f, 3), DataType.Int16, Q(1f / 65536, -32768), [4]), 0, new sbyte[] { 9, 9, 9, 9 });
        Assert.That(uniform, Is.EqualTo(Enumerable.Repeat((short)-16384, 4)));
    }

    [Test]
    public void Int16MatchesTflmGolden()
    {
        // TFLM Softmax1DQuantizedInt16ShouldMatchGolden: output 1/32768, zero point 0, tolerance 7 (the exp and
        // reciprocal tables interpolate). The exact values are those TFLM's reference kernel produces.
        var graph = Softmax(DataType.Int16, Q(0.1f, 0), DataType.Int16, Q(1f / 32768, 0), [1, 5]);
        var result = Run<short>(graph, 0, new short[] { 10, 20, 30, 40, 50 });
        Assert.That(result.Select(v => (double)v), Is.EqualTo(Golden1D.Select(g => Math.Round(g * 32768))).Within(7.0));
        Assert.That(result, Is.EqualTo(new short[] { 382, 1039, 2822, 7671, 20853 }));
    }

    [Test]
    public void FloatMatchesTflmGoldenAndUniformRowIsExact()
    {
        var graph = Softmax(DataType.Float32, null, DataType.Float32, null, [2, 5]);
        var result = Run<float>(graph, 0, new float[] { 1, 2, 3, 4, 5, -1, -2, -3, -4, -5 });
        Assert.That(result, Is.EqualTo(Golden1D.Concat(Golden1D.Reverse())).Within(1e-5));
        // exp(0) = 1 for four equal inputs, divided by the sum 4: exactly 0.25.
        Assert.That(Run<float>(Softmax(DataType.Float32, null, DataType.Float32, null, [4], beta: 3f), 0, new float[] { 7, 7, 7, 7 }),
            Is.EqualTo(new[] { 0.25f, 0.25f, 0.25f, 0.25f }));
    }

    [Test]
    public void BetaScalesTheDifferences()
    {
        // beta 2 on inputs {0, ln 2 / 2}: exp(2 * -ln2/2) = 1/2 against 1: {1/3, 2/3} within float rounding.
        var half = MathF.Log(2) / 2;
        var result = Run<float>(Softmax(DataType.Float32, null, DataType.Float32, null, [2], beta: 2f), 0, new[] { 0f, half });
        Assert.That(result, Is.EqualTo(new[] { 1f / 3, 2f / 3 }).Within(1e-6));
    }

    [Test]
    public void Int8OutputScaleMustBeExactlyOne256th()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int8, Q(1f / 255, -128), [4])));
        Assert.That(error!.Message, Does.Contain("operator 0 (SOFTMAX)").And.Contain("'output'").And.Contain("1/256"));
    }

    [Test]
    public void Int8OutputZeroPointMustBeMinus128()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int8, Q(1f / 256, 0), [4])));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("zero point 0 must be -128"));
    }

    [Test]
    public void Int16OutputScaleIsCheckedWithTflmTolerance()
    {
        // 1/65536 * 1.0005 is within 0.1% of 1/65536: accepted; 1.002 times is not.
        Assert.DoesNotThrow(() => new ReferenceInterpreter(Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int16, Q(1.0005f / 65536, -32768), [4])));
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Int8, Q(0.1f, 0), DataType.Int16, Q(1.002f / 65536, -32768), [4])));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("scale"));
    }

    [Test]
    public void Int16InputZeroPointMustBeZero()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Int16, Q(0.1f, 5), DataType.Int16, Q(1f / 32768, 0), [4])));
        Assert.That(error!.Message, Does.Contain("'input'").And.Contain("zero point 5 must be 0"));
    }

    [Test]
    public void TinyBetaTimesScaleIsRejectedNamingTheInput()
    {
        // beta * scale * 2^26 = 1e-9 * 0.01 * 2^26 < 1: TFLM's QuantizeMultiplierGreaterThanOne check fails.
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Int8, Q(0.01f, 0), DataType.Int8, Q(1f / 256, -128), [4], beta: 1e-9f)));
        Assert.That(error!.Message, Does.Contain("operator 0 (SOFTMAX)").And.Contain("'input'").And.Contain("too small"));
    }

    [Test]
    public void MismatchedTypesAreRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Softmax(DataType.Float32, null, DataType.Int8, Q(1f / 256, -128), [4])));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("differs from 'input'"));
    }
}
