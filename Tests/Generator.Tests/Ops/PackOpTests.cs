using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class PackOpTests
{
    private static Graph Pack(DataType type, int count, int[] inputShape, int[] outputShape, int axis)
    {
        var b = new GraphBuilder();
        var q = type == DataType.Int8 ? Q(1, 0) : null;
        var inputs = Enumerable.Range(0, count).Select(i => b.Input($"input{i}", type, inputShape, q)).ToArray();
        var output = b.Activation("output", type, outputShape, q);
        b.AddOperator(OpKind.Pack, inputs, [output], new PackOptions(count, axis));
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM pack_test.cc PackFloatThreeInputs / ThreeInputsDifferentAxis: three [2] inputs {1,4}, {2,5}, {3,6}.
    [Test]
    public void ThreeInputsAlongAxis0And1()
    {
        float[] a = [1, 4], b = [2, 5], c = [3, 6];
        Assert.That(Run<float>(Pack(DataType.Float32, 3, [2], [3, 2], 0), 0, a, b, c), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
        Assert.That(Run<float>(Pack(DataType.Float32, 3, [2], [2, 3], 1), 0, a, b, c), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Int8NegativeAxis()
    {
        // Two [2,2] inputs packed at axis -2 (= 1): output [2,2,2] with out[i][k][j] = input_k[i][j].
        var result = Run<sbyte>(Pack(DataType.Int8, 2, [2, 2], [2, 2, 2], -2), 0, new sbyte[] { 1, 2, 3, 4 }, new sbyte[] { 5, 6, 7, 8 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 1, 2, 5, 6, 3, 4, 7, 8 }));
    }

    [Test]
    public void CountMismatchIsNamed()
    {
        var b = new GraphBuilder();
        var input = b.Input("input0", DataType.Float32, [2]);
        var output = b.Activation("output", DataType.Float32, [2, 2]);
        b.AddOperator(OpKind.Pack, [input], [output], new PackOptions(2, 0));
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (PACK)").And.Contain("values_count is 2"));
    }
}
