using MicroGen.Ir;
using MicroGen.Ir.Options;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class TransposeConvOpTests
{
    [Test]
    public void FloatMatchesTflmGolden()
    {
        // TFLM transpose_conv_test.cc: input [1,4,4,2] 1..32, filter [1,3,3,2] 1..18, bias 0, stride 1, SAME.
        var b = new GraphBuilder();
        var shape = b.Constant("shape", DataType.Int32, [4], new[] { 1, 4, 4, 1 });
        var filter = b.Constant("filter", DataType.Float32, [1, 3, 3, 2], Enumerable.Range(1, 18).Select(v => (float)v).ToArray());
        var input = b.Input("input", DataType.Float32, [1, 4, 4, 2]);
        var bias = b.Constant("bias", DataType.Float32, [1], new[] { 0f });
        var output = b.Activation("output", DataType.Float32, [1, 4, 4, 1]);
        b.AddOperator(OpKind.TransposeConv, [shape, filter, input, bias], [output], new TransposeConvOptions(Padding.Same, 1, 1, Activation.None));
        b.MarkOutput(output);
        var result = Run<float>(b.Build(), 0, Enumerable.Range(1, 32).Select(v => (float)v).ToArray());
        Assert.That(result, Is.EqualTo(new float[] { 184, 412, 568, 528, 678, 1347, 1689, 1434, 1494, 2715, 3057, 2442, 1968, 3352, 3652, 2760 }));
    }

    [Test]
    public void Int8Stride2ReplicatesEachPixelIntoItsBlock()
    {
        // Input {1,2,3,4} (scale 1, zp 3 => q = v + 3), a 2x2 filter of ones, stride 2 VALID: each input pixel fills one
        // 2x2 output block; bias 10; output scale 1, zp -5 => q = v + 10 - 5.
        var b = new GraphBuilder();
        var shape = b.Constant("shape", DataType.Int32, [4], new[] { 1, 4, 4, 1 });
        var filter = b.Constant("filter", DataType.Int8, [1, 2, 2, 1], new sbyte[] { 1, 1, 1, 1 }, Q(1, 0));
        var input = b.Input("input", DataType.Int8, [1, 2, 2, 1], Q(1, 3));
        var bias = b.Constant("bias", DataType.Int32, [1], new[] { 10 });
        var output = b.Activation("output", DataType.Int8, [1, 4, 4, 1], Q(1, -5));
        b.AddOperator(OpKind.TransposeConv, [shape, filter, input, bias], [output], new TransposeConvOptions(Padding.Valid, 2, 2, Activation.None));
        b.MarkOutput(output);
        var result = Run<sbyte>(b.Build(), 0, new sbyte[] { 4, 5, 6, 7 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 6, 6, 7, 7, 6, 6, 7, 7, 8, 8, 9, 9, 8, 8, 9, 9 }));
    }
}
