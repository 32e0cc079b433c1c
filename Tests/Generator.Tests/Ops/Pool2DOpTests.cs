using MicroGen.Ir;
using MicroGen.Ir.Options;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

/// <summary>int8 vectors from TFLM's pooling_test.cc (inputs and goldens published as int8).</summary>
public class Pool2DOpTests
{
    private static Graph Build(OpKind kind, int[] outShape, Padding padding, int strideH, int strideW, Activation activation, float scale = 0.25f)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [1, 2, 4, 1], Q(scale, 0));
        var output = b.Activation("output", DataType.Int8, outShape, Q(scale, 0));
        b.AddOperator(kind, [input], [output], new Pool2DOptions(padding, strideH, strideW, 2, 2, activation));
        b.MarkOutput(output);
        return b.Build();
    }

    [TestCase(2, 2, Activation.None, new sbyte[] { 0, -24, 8, 16, 12, 8, -40, 28 }, new sbyte[] { -1, 3 })]
    [TestCase(2, 1, Activation.Relu, new sbyte[] { 0, -24, 8, 16, 12, 8, -40, 28 }, new sbyte[] { 0, 0, 3 })]
    [TestCase(1, 2, Activation.ReluN1To1, new sbyte[] { 0, -24, 8, 16, 12, 8, -40, 28 }, new sbyte[] { -1, 3 })]
    [TestCase(2, 2, Activation.Relu6, new sbyte[] { 12, -24, 32, 16, 12, 8, 40, 28 }, new sbyte[] { 2, 24 })]
    public void AveragePoolValid(int strideH, int strideW, Activation activation, sbyte[] input, sbyte[] golden)
    {
        var graph = Build(OpKind.AveragePool2D, [1, 1, golden.Length, 1], Padding.Valid, strideH, strideW, activation);
        Assert.That(Run<sbyte>(graph, 0, input), Is.EqualTo(golden));
    }

    [Test]
    public void AveragePoolSameCountsOnlyPixelsInside()
    {
        var graph = Build(OpKind.AveragePool2D, [1, 2, 4, 1], Padding.Same, 1, 1, Activation.None);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 12, -24, 32, 16, 12, 8, 40, 28 }),
            Is.EqualTo(new sbyte[] { 2, 14, 29, 22, 10, 24, 34, 28 }));
    }

    [TestCase(Activation.None, new sbyte[] { 0, 6, 2, 4, 3, 2, 10, 7 }, new sbyte[] { 6, 10 })]
    [TestCase(Activation.Relu, new sbyte[] { -3, -12, 4, 8, -6, -4, 20, 14 }, new sbyte[] { 0, 20 })]
    public void MaxPool(Activation activation, sbyte[] input, sbyte[] golden)
    {
        var graph = Build(OpKind.MaxPool2D, [1, 1, 2, 1], Padding.Valid, 2, 2, activation, scale: 1f);
        Assert.That(Run<sbyte>(graph, 0, input), Is.EqualTo(golden));
    }

    [Test]
    public void AveragePoolRejectsRequantization()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [1, 2, 2, 1], Q(0.25f, 0));
        var output = b.Activation("pooled", DataType.Int8, [1, 1, 1, 1], Q(0.5f, 0));
        b.AddOperator(OpKind.AveragePool2D, [input], [output], new Pool2DOptions(Padding.Valid, 1, 1, 2, 2, Activation.None));
        b.MarkOutput(output);
        var error = Assert.Throws<MicroGen.Diagnostics.UnsupportedModelException>(() => new MicroGen.Reference.ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("AVERAGE_POOL_2D").And.Contain("'pooled'"));
    }
}
