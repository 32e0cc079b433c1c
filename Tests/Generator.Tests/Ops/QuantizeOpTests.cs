using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class QuantizeOpTests
{
    private static Graph Quantize(DataType inputType, Quantization? inputQ, DataType outputType, Quantization? outputQ, int[] shape)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", inputType, shape, inputQ);
        var output = b.Activation("output", outputType, shape, outputQ);
        b.AddOperator(OpKind.Quantize, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    /// <summary>TFLM's test golden method (FloatToQuantizedType): round(v / scale) + zero point, clamped.</summary>
    private static int[] QuantizeGolden(float[] values, float scale, int zeroPoint, int min, int max) =>
        values.Select(v => Math.Clamp((int)Math.Round(v / scale, MidpointRounding.AwayFromZero) + zeroPoint, min, max)).ToArray();

    [Test]
    public void FloatToInt8RoundsHalfAwayFromZeroAndClamps()
    {
        // scale 0.5, zero point 1: x / 0.5 = {-128, 0.5, 1.5, -0.5, 127, 2000, -2000, 0} rounds half away from zero to
        // {-128, 1, 2, -1, 127, 2000, -2000, 0}; plus 1 and clamped to int8.
        var input = new[] { -64.0f, 0.25f, 0.75f, -0.25f, 63.5f, 1000f, -1000f, 0f };
        var result = Run<sbyte>(Quantize(DataType.Float32, null, DataType.Int8, Q(0.5f, 1), [8]), 0, input);
        Assert.That(result, Is.EqualTo(new sbyte[] { -127, 2, 3, 0, 127, 127, -128, 1 }));
    }

    [Test]
    public void FloatBeyondInt32SaturatesAsOnCortexM()
    {
        // x / scale beyond the int32 range: the float -> int32 conversion saturates (Cortex-M VCVT, and .NET), NaN
        // converts to 0; in C++ the conversion is undefined (x86 hosts give int32.MinValue, so TFLM built for a PC
        // would output -128 for 1e10). With zero point 0: {1e10, -1e10, NaN, +inf} -> {127, -128, 0, 127}.
        // With zero point 5, int32.MaxValue + 5 wraps negative as the C addition does on the target: -128.
        var result = Run<sbyte>(Quantize(DataType.Float32, null, DataType.Int8, Q(1f, 0), [4]), 0,
            new[] { 1e10f, -1e10f, float.NaN, float.PositiveInfinity });
        Assert.That(result, Is.EqualTo(new sbyte[] { 127, -128, 0, 127 }));
        var wrapped = Run<sbyte>(Quantize(DataType.Float32, null, DataType.Int8, Q(1f, 5), [2]), 0, new[] { 1e10f, float.NaN });
        Assert.That(wrapped, Is.EqualTo(new sbyte[] { -128, 5 }));
    }

    [Test]
    public void FloatToInt8MatchesTflmGoldenAtZeroPointMinus128()
    {
        // TFLM quantize_test.cc QuantizeOpTestInt8NoZeroPoint values, with the zero point moved to -128.
        var values = new float[] { -32, -31, -30, -29, -28, 27, 28, 29, 30, 31 };
        var result = Run<sbyte>(Quantize(DataType.Float32, null, DataType.Int8, Q(0.5f, -128), [2, 5]), 0, values);
        Assert.That(result.Select(v => (int)v), Is.EqualTo(QuantizeGolden(values, 0.5f, -128, -128, 127)));
    }

    [Test]
    public void FloatToInt16MatchesTflmGolden()
    {
        // TFLM QuantizeOpTestInt16: scale 0.5, zero point -1: -63.5 -> -128, ..., 64 -> 127.
        var values = new float[] { -63.5f, -63, -62.5f, -62, -61.5f, 62, 62.5f, 63, 63.5f, 64 };
        var result = Run<short>(Quantize(DataType.Float32, null, DataType.Int16, Q(0.5f, -1), [2, 5]), 0, values);
        Assert.That(result, Is.EqualTo(new short[] { -128, -127, -126, -125, -124, 123, 124, 125, 126, 127 }));
    }

    [Test]
    public void Int8ToInt8MatchesTflmGolden()
    {
        // TFLM QuantizeOpTestInt8toInt8: input scale 2 (values / 2), output scale 0.5, zero point 32: the multiplier 4 is
        // exact, so the output is the float golden quantized, clamped at 127 (62 / 0.5 + 32 = 156).
        var values = new float[] { -64, -62, -60, -58, -56, 54, 56, 58, 60, 62 };
        var input = values.Select(v => (sbyte)(v / 2)).ToArray();
        var result = Run<sbyte>(Quantize(DataType.Int8, Q(2f, 0), DataType.Int8, Q(0.5f, 32), [2, 5]), 0, input);
        Assert.That(result.Select(v => (int)v), Is.EqualTo(QuantizeGolden(values, 0.5f, 32, -128, 127)));
    }

    [Test]
    public void Int8ToInt8HalvingRoundsNegativeTiesTowardZero()
    {
        // input scale 0.5 -> output scale 1: multiplier 0.5 = 2^30 * 2^(0-31), shift 0, so the rescale is
        // SaturatingRoundingDoublingHighMul(x, 2^30) = (x * 2^30 + nudge) / 2^31 truncated. For x = 3 the nudge 2^30 gives
        // (4 * 2^30) / 2^31 = 2; for x = -3 the nudge 1 - 2^30 gives (-4 * 2^30 + 1) / 2^31 = -1.99.. -> -1.
        // Zero points at the type limits. -128 -> -128: q = {-125, -128, 127, 0} is x = {3, 0, 255, 128}, halved to
        // {2, 0, 128, 64}, minus 128. 127 -> 127: q = {127, 124, -128, 0} is x = {0, -3, -255, -127}, halved to
        // {0, -1, -127, -63} (negative ties toward zero: -127.5 -> -127, -63.5 -> -63), plus 127.
        var low = Run<sbyte>(Quantize(DataType.Int8, Q(0.5f, -128), DataType.Int8, Q(1f, -128), [4]), 0, new sbyte[] { -125, -128, 127, 0 });
        Assert.That(low, Is.EqualTo(new sbyte[] { -126, -128, 0, -64 }));
        var high = Run<sbyte>(Quantize(DataType.Int8, Q(0.5f, 127), DataType.Int8, Q(1f, 127), [4]), 0, new sbyte[] { 127, 124, -128, 0 });
        Assert.That(high, Is.EqualTo(new sbyte[] { 127, 126, 0, 64 }));

        // Zero points 0: x = {3, -3, 5, -5, -128} -> {2, -1, 3, -2, -64} (ties of negatives round toward zero).
        var symmetric = Run<sbyte>(Quantize(DataType.Int8, Q(0.5f, 0), DataType.Int8, Q(1f, 0), [5]), 0, new sbyte[] { 3, -3, 5, -5, -128 });
        Assert.That(symmetric, Is.EqualTo(new sbyte[] { 2, -1, 3, -2, -64 }));
    }

    [Test]
    public void Int8ToUInt8ShiftsBy128()
    {
        // TFLM QuantizeOpTestInt8toUInt8Normal: scales 1, zero points 50 -> 110: out = q - 50 + 110.
        var values = new float[] { -32, -31, -30, -29, -28, 27, 28, 29, 30, 31 };
        var input = values.Select(v => (sbyte)(v + 50)).ToArray();
        var result = Run<byte>(Quantize(DataType.Int8, Q(1f, 50), DataType.UInt8, Q(1f, 110), [10]), 0, input);
        Assert.That(result.Select(v => (int)v), Is.EqualTo(QuantizeGolden(values, 1f, 110, 0, 255)));
        // Equal scales and zero points -128 -> 0 (TFLM's XOR 0x80 shortcut): q + 128.
        var shifted = Run<byte>(Quantize(DataType.Int8, Q(0.25f, -128), DataType.UInt8, Q(0.25f, 0), [3]), 0, new sbyte[] { -128, 0, 127 });
        Assert.That(shifted, Is.EqualTo(new byte[] { 0, 128, 255 }));
    }

    [Test]
    public void Int16ToInt8AndBack()
    {
        // int16 scale 0.4 -> int8 scale 1 (TFLM QuantizeOpTestInt16toInt8): q = v / 0.4, out = round(q * 0.4).
        // Multiplier 0.4 in double is 0.4000000059604645 (the float 0.4), so q = -80 gives -32.000000477 -> -32.
        var values = new float[] { -32, -31, -30, -29, -28, 27, 28, 29, 30, 31 };
        var input = values.Select(v => (short)Math.Round(v / 0.4f, MidpointRounding.AwayFromZero)).ToArray();
        var result = Run<sbyte>(Quantize(DataType.Int16, Q(0.4f, 0), DataType.Int8, Q(1f, 0), [10]), 0, input);
        Assert.That(result.Select(v => (int)v), Is.EqualTo(QuantizeGolden(values, 1f, 0, -128, 127)));

        // int8 scale 2 -> int16 scale 0.5, zero point 32 (TFLM QuantizeOpTestInt8toInt16): no clamping in int16.
        var wide = Run<short>(Quantize(DataType.Int8, Q(2f, 0), DataType.Int16, Q(0.5f, 32), [3]), 0, new sbyte[] { -32, 27, 31 });
        Assert.That(wide, Is.EqualTo(new short[] { -96, 140, 156 }));
    }

    [Test]
    public void Int32ToInt16()
    {
        // int32 scale 0.4 -> int16 scale 1 (TFLM QuantizeOpTestInt32toInt16).
        var result = Run<short>(Quantize(DataType.Int32, Q(0.4f, 0), DataType.Int16, Q(1f, 0), [3]), 0, new[] { -80, 70, 100000 });
        Assert.That(result, Is.EqualTo(new short[] { -32, 28, 32767 }));
    }

    [Test]
    public void FloatToUInt8IsRejectedNamingTheOutput()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Quantize(DataType.Float32, null, DataType.UInt8, Q(1f, 0), [2])));
        Assert.That(error!.Message, Does.Contain("operator 0 (QUANTIZE)").And.Contain("'output'").And.Contain("int8 and int16"));
    }

    [Test]
    public void UnsupportedRequantizationIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Quantize(DataType.UInt8, Q(1f, 0), DataType.Int16, Q(1f, 0), [2])));
        Assert.That(error!.Message, Does.Contain("operator 0 (QUANTIZE)").And.Contain("'output'").And.Contain("uint8 to int16"));
    }

    [Test]
    public void PerChannelOutputIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Quantize(DataType.Float32, null, DataType.Int8, PerChannel([1f, 2f], 0), [2])));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("per-channel"));
    }

    [Test]
    public void ShapeMismatchIsRejected()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, [4]);
        var output = b.Activation("output", DataType.Int8, [2, 2], Q(1f, 0));
        b.AddOperator(OpKind.Quantize, [input], [output]);
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("'output'").And.Contain("expected [4]"));
    }
}
