using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class SplitOpTests
{
    private static byte[][] RunAll(Graph graph, params Array[] inputs) =>
        new ReferenceInterpreter(graph).Invoke(inputs.Select(OpTest.ToBytes).ToArray());

    [Test]
    public void SplitAlongNegativeAxis()
    {
        // TFLM split_test.cc TwoSplitFourDimensionalAxisNegative-style: [2,2,2,2] values 1..16 split in two along -1.
        var b = new GraphBuilder();
        var axis = b.Constant("axis", DataType.Int32, [1], new[] { -1 });
        var input = b.Input("input", DataType.Float32, [2, 2, 2, 2]);
        var out0 = b.Activation("out0", DataType.Float32, [2, 2, 2, 1]);
        var out1 = b.Activation("out1", DataType.Float32, [2, 2, 2, 1]);
        b.AddOperator(OpKind.Split, [axis, input], [out0, out1], new SplitOptions(2));
        b.MarkOutput(out0);
        b.MarkOutput(out1);
        var results = RunAll(b.Build(), Enumerable.Range(1, 16).Select(i => (float)i).ToArray());
        Assert.That(Floats(results[0]), Is.EqualTo(new float[] { 1, 3, 5, 7, 9, 11, 13, 15 }));
        Assert.That(Floats(results[1]), Is.EqualTo(new float[] { 2, 4, 6, 8, 10, 12, 14, 16 }));
    }

    [Test]
    public void SplitVWithInferredSize()
    {
        // [2,5] int8 split along axis 1 into sizes {1, -1, 2}: -1 -> 2.
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2, 5], Q(1, 0));
        var sizes = b.Constant("size_splits", DataType.Int32, [3], new[] { 1, -1, 2 });
        var axis = b.Constant("axis", DataType.Int32, [], new[] { 1 });
        var outs = new[] { 1, 2, 2 }.Select((w, i) => b.Activation($"out{i}", DataType.Int8, [2, w], Q(1, 0))).ToArray();
        b.AddOperator(OpKind.SplitV, [input, sizes, axis], outs, new SplitOptions(3));
        foreach (var o in outs)
        {
            b.MarkOutput(o);
        }
        var results = RunAll(b.Build(), new sbyte[] { 0, 1, 2, 3, 4, 10, 11, 12, 13, 14 });
        Assert.That(results[0].Select(v => (sbyte)v), Is.EqualTo(new sbyte[] { 0, 10 }));
        Assert.That(results[1].Select(v => (sbyte)v), Is.EqualTo(new sbyte[] { 1, 2, 11, 12 }));
        Assert.That(results[2].Select(v => (sbyte)v), Is.EqualTo(new sbyte[] { 3, 4, 13, 14 }));
    }

    [Test]
    public void UnevenSplitIsNamed()
    {
        var b = new GraphBuilder();
        var axis = b.Constant("axis", DataType.Int32, [1], new[] { 0 });
        var input = b.Input("input", DataType.Int16, [3], Q(1, 0));
        var out0 = b.Activation("out0", DataType.Int16, [1], Q(1, 0));
        var out1 = b.Activation("out1", DataType.Int16, [1], Q(1, 0));
        b.AddOperator(OpKind.Split, [axis, input], [out0, out1], new SplitOptions(2));
        b.MarkOutput(out0);
        b.MarkOutput(out1);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (SPLIT)").And.Contain("'input'").And.Contain("2 equal parts"));
    }

    [Test]
    public void SizesNotMatchingTheInputAreNamed()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, [4]);
        var sizes = b.Constant("size_splits", DataType.Int32, [2], new[] { 1, 2 });
        var axis = b.Constant("axis", DataType.Int32, [1], new[] { 0 });
        var out0 = b.Activation("out0", DataType.Float32, [1]);
        var out1 = b.Activation("out1", DataType.Float32, [2]);
        b.AddOperator(OpKind.SplitV, [input, sizes, axis], [out0, out1], new SplitOptions(2));
        b.MarkOutput(out0);
        b.MarkOutput(out1);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (SPLIT_V)").And.Contain("'size_splits'"));
    }

    private static float[] Floats(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
