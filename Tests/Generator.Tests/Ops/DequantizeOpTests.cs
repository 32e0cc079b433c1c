using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class DequantizeOpTests
{
    private static Graph Dequantize(DataType inputType, Quantization q, int length, DataType outputType = DataType.Float32)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", inputType, [length], q);
        var output = b.Activation("output", outputType, [length], outputType == DataType.Float32 ? null : q);
        b.AddOperator(OpKind.Dequantize, [input], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM dequantize_test.cc: values {-63.5 ... 64} at scale 0.5 (exactly representable, so the result is exact).
    private static readonly float[] Values = [-63.5f, -63, -62.5f, -62, -61.5f, 62, 62.5f, 63, 63.5f, 64];

    [Test]
    public void Int8MatchesTflmGolden()
    {
        // zero point -1: q = v / 0.5 - 1.
        var input = Values.Select(v => (sbyte)(v / 0.5f - 1)).ToArray();
        Assert.That(Run<float>(Dequantize(DataType.Int8, Q(0.5f, -1), 10), 0, input), Is.EqualTo(Values));
    }

    [Test]
    public void Int8AtZeroPointLimits()
    {
        // zero point -128: {-128, 127} -> {0, 127.5}; zero point 127: {-128, 127} -> {-127.5, 0}.
        Assert.That(Run<float>(Dequantize(DataType.Int8, Q(0.5f, -128), 2), 0, new sbyte[] { -128, 127 }), Is.EqualTo(new[] { 0f, 127.5f }));
        Assert.That(Run<float>(Dequantize(DataType.Int8, Q(0.5f, 127), 2), 0, new sbyte[] { -128, 127 }), Is.EqualTo(new[] { -127.5f, 0f }));
    }

    [Test]
    public void Int16AndUInt8MatchTflmGolden()
    {
        var int16 = Values.Select(v => (short)(v / 0.5f - 1)).ToArray();
        Assert.That(Run<float>(Dequantize(DataType.Int16, Q(0.5f, -1), 10), 0, int16), Is.EqualTo(Values));
        var uint8 = Values.Select(v => (byte)(v / 0.5f + 127)).ToArray();
        Assert.That(Run<float>(Dequantize(DataType.UInt8, Q(0.5f, 127), 10), 0, uint8), Is.EqualTo(Values));
    }

    [Test]
    public void NonFloatOutputIsRejectedNamingTheOutput()
    {
        var error = Assert.Throws<UnsupportedModelException>(() =>
            new ReferenceInterpreter(Dequantize(DataType.Int8, Q(1f, 0), 2, DataType.Int16)));
        Assert.That(error!.Message, Does.Contain("operator 0 (DEQUANTIZE)").And.Contain("'output'").And.Contain("int16"));
    }

    [Test]
    public void MissingQuantizationIsRejectedNamingTheInput()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2]);
        var output = b.Activation("output", DataType.Float32, [2]);
        b.AddOperator(OpKind.Dequantize, [input], [output]);
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (DEQUANTIZE)").And.Contain("'input'").And.Contain("no quantization"));
    }
}
