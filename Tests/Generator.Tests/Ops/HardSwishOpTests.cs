using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class HardSwishOpTests
{
    private static Graph HardSwish(DataType type, Quantization? inputQ, Quantization? outputQ, int length)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, [length], inputQ);
        var output = b.Activation("output", type, [length], outputQ);
        b.AddOperator(OpKind.HardSwish, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    private static double HardSwishReal(double x) => x * Math.Min(6, Math.Max(0, x + 3)) / 6;

    [Test]
    public void Int8HandComputedWithLeftShiftedReluish()
    {
        // Input and output scale 3/256: hires scale = 3/256/128; reluish multiplier hires / (3/32768) = 1.0 = 2^30 * 2^(1-31)
        // -> Q15 16384, exponent 1; output multiplier hires / out = 2^-7 -> Q15 16384, exponent -6.
        // q = 64 (0.75): hires 8192; preshift output SRDHM16(8192, 16384) = 4096; reluish: shift by 0, SRDHM16 -> 4096,
        // shift by 1 -> 8192, (8192 + 32768) >> 1 = 20480; SDHM16(20480, 4096) = 2560; / 2^6 = 40 (hard_swish(0.75) =
        // 0.46875 = 40 steps).
        // q = -64: hires -8192, preshift -4096, reluish -8192 -> 12288, SDHM16(12288, -4096) = -1536 -> -24 (-0.28125).
        // q = 127: hires 16256, preshift (16256 * 16384 + 16384) / 32768 = 8128, reluish 16256 -> 24512,
        // SDHM16(24512, 8128) = 6080 -> 95. q = -128: preshift -8192, reluish 8192, SDHM16 -> -2048 -> -32 (-0.375).
        // Output zero point 5 is added last.
        var graph = HardSwish(DataType.Int8, Q(3f / 256, 0), Q(3f / 256, 5), 5);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 64, -64, 127, -128, 0 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 45, -19, 100, -27, 5 }));
    }

    [Test]
    public void Int8HandComputedWithRightShiftedReluish()
    {
        // Scale 3/2048: reluish multiplier 0.125 -> Q15 16384, exponent -2. q = 64 (0.09375): hires 8192, preshift 4096;
        // reluish SRDHM16(8192, 16384) = 4096, rounding shift by 2 -> 1024, (1024 + 32768) >> 1 = 16896;
        // SDHM16(16896, 4096) = 2112; / 2^6 = 33 (hard_swish(0.09375) / (3/2048) = 33.0).
        // Input zero point -128 (the int8 limit): q = -64 is x = 64.
        var graph = HardSwish(DataType.Int8, Q(3f / 2048, -128), Q(3f / 2048, 0), 2);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -64, -128 }), Is.EqualTo(new sbyte[] { 33, 0 }));
    }

    [Test]
    public void Int8MatchesTheRealFunctionWithinTflmTolerance()
    {
        // TFLM SimpleHardSwishTestInt8 checks the dequantized output against x * relu6(x + 3) / 6 within
        // max(input range, output range) * 1.5 / 256. Input range [-5, 10] (scale 15/255, zero point -43), output
        // range [-0.375, 10].
        var inputScale = 15f / 255;
        var outputScale = 10.375f / 255;
        var outputZeroPoint = (int)Math.Round(-128 + 0.375 / outputScale);
        var graph = HardSwish(DataType.Int8, Q(inputScale, -43), Q(outputScale, outputZeroPoint), 256);
        var input = Enumerable.Range(-128, 256).Select(q => (sbyte)q).ToArray();
        var result = Run<sbyte>(graph, 0, input);
        var tolerance = 15 * 1.5 / 256;
        for (var i = 0; i < input.Length; i++)
        {
            var x = inputScale * (input[i] + 43);
            Assert.That(outputScale * (result[i] - outputZeroPoint), Is.EqualTo(HardSwishReal(x)).Within(tolerance), $"q = {input[i]}");
        }
    }

    [Test]
    public void FloatIsComputedInFloat()
    {
        // x * min(6, max(0, x + 3)) / 6: 1 -> 1 * 4 / 6 = 4/6 rounded to float; -3 -> -3 * 0 / 6 = -0;
        // -4 -> -0 (max(0, -1) = 0); 5 -> 5 * 6 / 6 = 5; 0.5 -> 0.5 * 3.5 / 6.
        var result = Run<float>(HardSwish(DataType.Float32, null, null, 5), 0, new[] { 1f, -3f, -4f, 5f, 0.5f });
        Assert.That(result, Is.EqualTo(new[] { 4f / 6, -0f, -0f, 5f, 1.75f / 6 }));
        Assert.That(float.IsNegative(result[1]) && float.IsNegative(result[2]), Is.True);
    }

    [Test]
    public void OutputScaleBelowHiresScaleIsRejected()
    {
        // input 1 / 128 = 2^-7 over output 2^-9 is a multiplier 4 (exponent 3 > 0), which TFLM refuses.
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(HardSwish(DataType.Int8, Q(1f, 0), Q(1f / 512, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (HARD_SWISH)").And.Contain("'output'").And.Contain("exponent 3"));
    }

    [Test]
    public void Int16IsRejectedNamingTheInput()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(HardSwish(DataType.Int16, Q(1f, 0), Q(1f, 0), 2)));
        Assert.That(error!.Message, Does.Contain("operator 0 (HARD_SWISH)").And.Contain("'input'").And.Contain("int16"));
    }
}
