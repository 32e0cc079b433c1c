using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class Conv2DOpTests
{
    // TFLM conv_test.cc "common" case: input [2,2,4,1], filter [3,2,2,1], bias {1,2,3}, stride 2, VALID,
    // golden {18,2,5,18,2,5,17,4,3,37,4,3}. Scales are powers of two, so the int8 result is the golden exactly.
    private static Graph CommonCase(Activation activation = Activation.None, float outputScale = 1f, int outputZeroPoint = 5)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2, 2, 4, 1], Q(0.5f, -10));
        // Real filter values {1,2,3,4, -1,1,-1,1, -1,-1,1,1} at per-channel scales {1, 0.5, 0.25}.
        var filter = b.Constant("filter", DataType.Int8, [3, 2, 2, 1],
            new sbyte[] { 1, 2, 3, 4, -2, 2, -2, 2, -4, -4, 4, 4 }, PerChannel([1f, 0.5f, 0.25f], 0));
        // Bias {1,2,3} at scales input*filter = {0.5, 0.25, 0.125}.
        var bias = b.Constant("bias", DataType.Int32, [3], new[] { 2, 8, 24 }, PerChannel([0.5f, 0.25f, 0.125f], 0));
        var output = b.Activation("output", DataType.Int8, [2, 1, 2, 3], Q(outputScale, outputZeroPoint));
        b.AddOperator(OpKind.Conv2D, [input, filter, bias], [output], new Conv2DOptions(Padding.Valid, 2, 2, 1, 1, activation));
        b.MarkOutput(output);
        return b.Build();
    }

    // Real inputs {1,1,1,1,2,2,2,2,1,2,3,4,1,2,3,4} at scale 0.5, zero point -10.
    private static readonly sbyte[] CommonInput = [-8, -8, -8, -8, -6, -6, -6, -6, -8, -6, -4, -2, -8, -6, -4, -2];

    [Test]
    public void PerChannelMatchesTflmGolden()
    {
        var result = Run<sbyte>(CommonCase(), 0, CommonInput);
        Assert.That(result, Is.EqualTo(new sbyte[] { 23, 7, 10, 23, 7, 10, 22, 9, 8, 42, 9, 8 }));
    }

    [Test]
    public void Relu6ClampsAtQuantizedSix()
    {
        // Output scale 1, zero point 5: RELU6 clamps to [5, 11].
        var result = Run<sbyte>(CommonCase(Activation.Relu6), 0, CommonInput);
        Assert.That(result, Is.EqualTo(new sbyte[] { 11, 7, 10, 11, 7, 10, 11, 9, 8, 11, 9, 8 }));
    }

    [Test]
    public void OutputShapeMismatchIsNamed()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [1, 4, 4, 1], Q(1, 0));
        var filter = b.Constant("filter", DataType.Int8, [1, 3, 3, 1], new sbyte[9], Q(1, 0));
        var output = b.Activation("out", DataType.Int8, [1, 4, 4, 1], Q(1, 0));
        b.AddOperator(OpKind.Conv2D, [input, filter], [output], new Conv2DOptions(Padding.Valid, 1, 1, 1, 1, Activation.None));
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new MicroGen.Reference.ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONV_2D)").And.Contain("'out'").And.Contain("expected [1x2x2x1]"));
    }
}
