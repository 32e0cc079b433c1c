using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class PreluOpTests
{
    private static Graph Prelu<TAlpha>(DataType type, int[] inputShape, Quantization? inputQ, DataType alphaType, int[] alphaShape,
        TAlpha[] alpha, Quantization? alphaQ, int[] outputShape, Quantization? outputQ) where TAlpha : unmanaged
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, inputShape, inputQ);
        var alphaTensor = b.Constant("alpha", alphaType, alphaShape, alpha, alphaQ);
        var output = b.Activation("output", type, outputShape, outputQ);
        b.AddOperator(OpKind.Prelu, [input, alphaTensor], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void FloatMatchesTflmGolden()
    {
        // TFLM FloatPreluActivationsOpTest: input [2,2,3], alpha [1,1,3] = {0, 1, 2} broadcast over rows.
        var graph = Prelu(DataType.Float32, [2, 2, 3], null, DataType.Float32, [1, 1, 3], new[] { 0f, 1f, 2f }, null, [2, 2, 3], null);
        var result = Run<float>(graph, 0, new[] { 0f, 0, 0, 1, 1, 1, -1, -1, -1, -2, -2, -2 });
        Assert.That(result, Is.EqualTo(new[] { 0f, 0, 0, 1, 1, 1, 0, -1, -2, 0, -2, -4 }));
    }

    [Test]
    public void Int8MatchesTflmGolden()
    {
        // TFLM QuantizedInt8PreluActivationsOpTest: all scales 2/255, zero points 0. Inputs {0, 0.5, -1, -0.25} are
        // q {0, 64, -128, -32}; alpha {0, 0.5, -0.5} is q {0, 64, -64}. Multiplier 1 is 1.0; multiplier 2 is
        // 2/255 = 2^30.. * 2^(-6-31): q = -128 with alpha 64 -> -8192 * 2/255 = -64.25 -> -64 (-0.5);
        // with alpha -64 -> 64 (0.5); q = -32 -> -16 and 16 (-0.125, 0.125) — TFLM's golden exactly.
        var scale = 2f / 255;
        var graph = Prelu(DataType.Int8, [2, 2, 3], Q(scale, 0), DataType.Int8, [1, 1, 3], new sbyte[] { 0, 64, -64 }, Q(scale, 0), [2, 2, 3], Q(scale, 0));
        var result = Run<sbyte>(graph, 0, new sbyte[] { 0, 0, 0, 64, 64, 64, -128, -128, -128, -32, -32, -32 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 0, 0, 0, 64, 64, 64, 0, -64, 64, 0, -16, 16 }));
    }

    [Test]
    public void Int8BroadcastsAlphaAlongTheLastAxisWithZeroPoints()
    {
        // Alpha [3] at scale 1/128 with zero point 127 (the int8 limit): q {-64, 63, 127} minus 127 = {-191, -64, 0}.
        // Output scale 0.5, zero point -128. Multiplier 1 = 0.5 / 0.5 = 1.0; multiplier 2 = 0.5 * (1/128) / 0.5 = 2^-7
        // (2^30, shift -6). With input zero point -128 (the other limit) every int8 input is x = q + 128 >= 0, so the
        // output is x - 128 = q whatever alpha is.
        var identity = Prelu(DataType.Int8, [1, 2, 3], Q(0.5f, -128), DataType.Int8, [3], new sbyte[] { -64, 63, 127 }, Q(1f / 128, 127), [1, 2, 3], Q(0.5f, -128));
        Assert.That(Run<sbyte>(identity, 0, new sbyte[] { -128, -100, 127, 0, 5, -1 }), Is.EqualTo(new sbyte[] { -128, -100, 127, 0, 5, -1 }));

        // Input zero point 0: x = q. Row 0 = -4 in every channel: (-4 * {-191, -64, 0}) = {764, 256, 0}, rescaled by
        // 2^-7: SRDHM(764, 2^30) = 382, / 64 rounded = 6 (5.97); 256 -> 128 -> 2; 0 -> 0; plus -128.
        // Row 1 = {2, 3, -128}: non-negative inputs are rescaled by 1.0; -128 * 0 = 0.
        var graph = Prelu(DataType.Int8, [1, 2, 3], Q(0.5f, 0), DataType.Int8, [3], new sbyte[] { -64, 63, 127 }, Q(1f / 128, 127), [1, 2, 3], Q(0.5f, -128));
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -4, -4, -4, 2, 3, -128 }), Is.EqualTo(new sbyte[] { -122, -126, -128, -126, -125, -128 }));
    }

    [Test]
    public void InputBroadcastsAgainstALargerAlpha()
    {
        // Input [2,1] against alpha [1,3]: output [2,3], element (i, j) = prelu(x[i], alpha[j]).
        var graph = Prelu(DataType.Float32, [2, 1], null, DataType.Float32, [1, 3], new[] { 0.5f, 2f, -1f }, null, [2, 3], null);
        Assert.That(Run<float>(graph, 0, new[] { -2f, 3f }), Is.EqualTo(new[] { -1f, -4f, 2f, 3f, 3f, 3f }));
    }

    [Test]
    public void Int16MatchesTflmGolden()
    {
        // TFLM QuantizedInt16PreluActivationsOpTest: input/output scale 2/65535, alpha int8 at 2/255. Inputs
        // {0, 0.5, -1, -0.25} are q {0, 16384, -32768, -8192}; alpha {0, 0.5, -0.5} is q {0, 64, -64}; multiplier 2 is
        // 2/255: -32768 * 64 * 2/255 = -16448.25 -> -16448 (~ -0.5), -8192 * 64 -> -4112 (~ -0.125).
        var graph = Prelu(DataType.Int16, [2, 2, 3], Q(2f / 65535, 0), DataType.Int8, [1, 1, 3], new sbyte[] { 0, 64, -64 }, Q(2f / 255, 0), [2, 2, 3], Q(2f / 65535, 0));
        var result = Run<short>(graph, 0, new short[] { 0, 0, 0, 16384, 16384, 16384, -32768, -32768, -32768, -8192, -8192, -8192 });
        Assert.That(result, Is.EqualTo(new short[] { 0, 0, 0, 16384, 16384, 16384, 0, -16448, 16448, 0, -4112, 4112 }));
    }

    [Test]
    public void MultiplierRoundingUpTo2Pow31IsRenormalised()
    {
        // input scale 1 + 2^-23 times alpha scale 1 - 2^-23 is 1 - 2^-46 in double; over output scale 1 the significand
        // 1 - 2^-46 rounds to 2^31, which QuantizeMultiplier turns into 2^30 with the exponent raised: exactly 1.0.
        // x = -3, alpha q = 2: -6 * 1.0 = -6 (a multiplier left at 2^31 would wrap negative and flip the sign).
        var graph = Prelu(DataType.Int8, [2], Q(1.00000012f, 0), DataType.Int8, [1], new sbyte[] { 2 }, Q(0.99999988f, 0), [2], Q(1f, 0));
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -3, -60 }), Is.EqualTo(new sbyte[] { -6, -120 }));
    }

    [Test]
    public void NonBroadcastableAlphaIsRejectedNamingIt()
    {
        var graph = Prelu(DataType.Float32, [2, 3], null, DataType.Float32, [2], new[] { 1f, 2f }, null, [2, 3], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (PRELU)").And.Contain("'alpha'").And.Contain("does not broadcast"));
    }

    [Test]
    public void OutputShapeMustBeTheBroadcastShape()
    {
        var graph = Prelu(DataType.Float32, [2, 1], null, DataType.Float32, [1, 3], new[] { 1f, 2f, 3f }, null, [2, 1], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("expected [2x3]"));
    }

    [Test]
    public void FloatRankAboveFourIsRejected()
    {
        var graph = Prelu(DataType.Float32, [1, 1, 1, 1, 2], null, DataType.Float32, [2], new[] { 1f, 2f }, null, [1, 1, 1, 1, 2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("rank above 4"));
    }

    [Test]
    public void Int16AlphaMustBeInt8()
    {
        var graph = Prelu(DataType.Int16, [2], Q(1f, 0), DataType.Int16, [2], new short[] { 1, 2 }, Q(1f, 0), [2], Q(1f, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("'alpha'").And.Contain("int16 is not supported"));
    }
}
