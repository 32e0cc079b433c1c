using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class MaximumMinimumOpTests
{
    private static Graph Build(OpKind kind, DataType type, int[] shape1, int[] shape2, int[] outputShape)
    {
        var q = type == DataType.Float32 || type == DataType.Int32 ? null : Q(0.5f, -3);
        var b = new GraphBuilder();
        var input1 = b.Input("input1", type, shape1, q);
        var input2 = b.Input("input2", type, shape2, q);
        var output = b.Activation("output", type, outputShape, q);
        b.AddOperator(kind, [input1, input2], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8MaximumAndMinimumWithBroadcast()
    {
        // TFLM compares raw stored values (no rescale). Input2 [2,1] broadcasts over the columns of input1 [2,3].
        sbyte[] a = [-128, 0, 127, 5, -6, 7];
        sbyte[] b = [1, -6];
        Assert.That(Run<sbyte>(Build(OpKind.Maximum, DataType.Int8, [2, 3], [2, 1], [2, 3]), 0, a, b),
            Is.EqualTo(new sbyte[] { 1, 1, 127, 5, -6, 7 }));
        Assert.That(Run<sbyte>(Build(OpKind.Minimum, DataType.Int8, [2, 3], [2, 1], [2, 3]), 0, a, b),
            Is.EqualTo(new sbyte[] { -128, 0, 1, -6, -6, -6 }));
    }

    [Test]
    public void Int16AndInt32Elementwise()
    {
        Assert.That(Run<short>(Build(OpKind.Maximum, DataType.Int16, [3], [3], [3]), 0, new short[] { -32768, 3, 9 }, new short[] { 0, 32767, 8 }),
            Is.EqualTo(new short[] { 0, 32767, 9 }));
        Assert.That(Run<int>(Build(OpKind.Minimum, DataType.Int32, [3], [], [3]), 0, new[] { int.MinValue, 3, int.MaxValue }, new[] { 4 }),
            Is.EqualTo(new[] { int.MinValue, 3, 4 }));
    }

    [Test]
    public void FloatFollowsTflmComparisons()
    {
        // MaximumOp is a > b ? a : b. max(-0, +0) = +0 and max(+0, -0) = -0 (second operand when not greater);
        // max(NaN, 1) = 1 (comparison false); max(1, NaN) = NaN.
        var result = Run<float>(Build(OpKind.Maximum, DataType.Float32, [5], [5], [5]), 0,
            new[] { -0f, 0f, float.NaN, 1f, 2.5f }, new[] { 0f, -0f, 1f, float.NaN, -3f });
        Assert.That(BitConverter.SingleToInt32Bits(result[0]), Is.EqualTo(0));
        Assert.That(BitConverter.SingleToInt32Bits(result[1]), Is.EqualTo(unchecked((int)0x80000000)));
        Assert.That(result[2], Is.EqualTo(1f));
        Assert.That(float.IsNaN(result[3]), Is.True);
        Assert.That(result[4], Is.EqualTo(2.5f));
        var minimum = Run<float>(Build(OpKind.Minimum, DataType.Float32, [2, 2], [2], [2, 2]), 0,
            new[] { 1f, -1f, 3f, 4f }, new[] { 2f, -2f });
        Assert.That(minimum, Is.EqualTo(new[] { 1f, -2f, 2f, -2f }));
    }

    [Test]
    public void NonBroadcastableShapesAreNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Build(OpKind.Minimum, DataType.Int8, [3], [2], [3])));
        Assert.That(error!.Message, Does.Contain("operator 0 (MINIMUM)").And.Contain("'input2'"));
    }
}
