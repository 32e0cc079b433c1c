using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class PadOpTests
{
    private static Graph Pad(DataType type, int[] inputShape, int[] paddings, int[] outputShape, Quantization? q,
        Array? constantValue = null, Quantization? constantQ = null, DataType paddingsType = DataType.Int32)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, inputShape, q);
        var paddingsTensor = paddingsType == DataType.Int64
            ? b.Constant("paddings", DataType.Int64, [inputShape.Length, 2], paddings.Select(p => (long)p).ToArray())
            : b.Constant("paddings", DataType.Int32, [inputShape.Length, 2], paddings);
        var inputs = new List<int> { input, paddingsTensor };
        if (constantValue is not null)
        {
            inputs.Add(b.AddTensor("constant_values", type, [], constantQ ?? q, ToBytes(constantValue), isConstant: true));
        }
        var output = b.Activation("output", type, outputShape, q);
        b.AddOperator(constantValue is null ? OpKind.Pad : OpKind.PadV2, inputs.ToArray(), [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [TestCase(-128)]
    [TestCase(127)]
    [TestCase(3)]
    public void Int8PadsWithOutputZeroPoint(int zeroPoint)
    {
        // [1,2,2,1] padded by 1 on H and W (image style, TFLM's MCUNet/TinyEngine pattern) -> [1,4,4,1].
        var graph = Pad(DataType.Int8, [1, 2, 2, 1], [0, 0, 1, 1, 1, 1, 0, 0], [1, 4, 4, 1], Q(0.02f, zeroPoint));
        var z = (sbyte)zeroPoint;
        var result = Run<sbyte>(graph, 0, new sbyte[] { 1, 2, 3, 4 });
        Assert.That(result, Is.EqualTo(new sbyte[] { z, z, z, z, z, 1, 2, z, z, 3, 4, z, z, z, z, z }));
    }

    [Test]
    public void PadV2Int8UsesConstantValueAndInt64Paddings()
    {
        // [2,1] padded (0,1) on axis 0 and (2,0) on axis 1 with the constant -7 -> [3,3].
        var q = Q(0.5f, -1);
        var graph = Pad(DataType.Int8, [2, 1], [0, 1, 2, 0], [3, 3], q, new sbyte[] { -7 }, q, DataType.Int64);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 5, 6 });
        Assert.That(result, Is.EqualTo(new sbyte[] { -7, -7, 5, -7, -7, 6, -7, -7, -7 }));
    }

    [Test]
    public void FloatPadsWithZeroAndFiveDimensions()
    {
        // [1,1,1,1,2] padded (1,0) on axis 0 and (0,1) on axis 4 -> [2,1,1,1,3] = {0,0,0, a,b,0}.
        var graph = Pad(DataType.Float32, [1, 1, 1, 1, 2], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], [2, 1, 1, 1, 3], null);
        Assert.That(Run<float>(graph, 0, new[] { 1.5f, -2.5f }), Is.EqualTo(new[] { 0f, 0f, 0f, 1.5f, -2.5f, 0f }));
    }

    [Test]
    public void PadV2FloatUsesConstantValue()
    {
        var graph = Pad(DataType.Float32, [1, 2], [0, 0, 1, 1], [1, 4], null, new[] { -1.5f });
        Assert.That(Run<float>(graph, 0, new[] { 2f, 3f }), Is.EqualTo(new[] { -1.5f, 2f, 3f, -1.5f }));
    }

    [Test]
    public void Int16PadsWithZeroNotZeroPoint()
    {
        // TFLM pads int16 with 0 when there is no constant_values input, whatever the zero point.
        var graph = Pad(DataType.Int16, [2], [1, 1], [4], Q(1f, 0));
        Assert.That(Run<short>(graph, 0, new short[] { -300, 300 }), Is.EqualTo(new short[] { 0, -300, 300, 0 }));
    }

    [Test]
    public void ConstantValueQuantizationMismatchIsRejected()
    {
        var graph = Pad(DataType.Int8, [2], [1, 1], [4], Q(0.5f, 0), new sbyte[] { 0 }, Q(0.25f, 0));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (PADV2)").And.Contain("'constant_values'"));
    }

    [Test]
    public void NegativePaddingIsRejected()
    {
        var graph = Pad(DataType.Float32, [4], [-1, 1], [4], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (PAD)").And.Contain("'paddings'").And.Contain("negative"));
    }

    [Test]
    public void SixDimensionsAreRejected()
    {
        var graph = Pad(DataType.Float32, [1, 1, 1, 1, 1, 1], new int[12], [1, 1, 1, 1, 1, 1], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (PAD)").And.Contain("'input'").And.Contain("maximum 5"));
    }
}
