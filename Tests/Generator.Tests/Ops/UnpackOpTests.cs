using System.Runtime.InteropServices;
using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Ops;

public class UnpackOpTests
{
    private static Graph Unpack(int[] inputShape, int count, int[] outputShape, int axis)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int32, inputShape);
        var outputs = Enumerable.Range(0, count).Select(i => b.Activation($"out{i}", DataType.Int32, outputShape)).ToArray();
        b.AddOperator(OpKind.Unpack, [input], outputs, new PackOptions(count, axis));
        foreach (var o in outputs)
        {
            b.MarkOutput(o);
        }
        return b.Build();
    }

    // TFLM unpack_test.cc UnpackFloatThreeOutputs / ThreeOutputsAxisOne: [3,2] {1..6}.
    [TestCase(0, 3, new[] { 2 }, new[] { 1, 2 }, new[] { 3, 4 }, new[] { 5, 6 })]
    [TestCase(-1, 2, new[] { 3 }, new[] { 1, 3, 5 }, new[] { 2, 4, 6 }, null)]
    public void UnpacksAlongAxis(int axis, int count, int[] outputShape, int[] first, int[] second, int[]? third)
    {
        var results = new ReferenceInterpreter(Unpack([3, 2], count, outputShape, axis)).Invoke([OpTest.ToBytes(new[] { 1, 2, 3, 4, 5, 6 })]);
        Assert.That(MemoryMarshal.Cast<byte, int>(results[0]).ToArray(), Is.EqualTo(first));
        Assert.That(MemoryMarshal.Cast<byte, int>(results[1]).ToArray(), Is.EqualTo(second));
        if (third is not null)
        {
            Assert.That(MemoryMarshal.Cast<byte, int>(results[2]).ToArray(), Is.EqualTo(third));
        }
    }

    [Test]
    public void WrongOutputCountIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Unpack([3, 2], 2, [2], 0)));
        Assert.That(error!.Message, Does.Contain("operator 0 (UNPACK)").And.Contain("2 outputs"));
    }
}
