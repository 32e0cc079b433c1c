using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class SliceOpTests
{
    private static Graph Slice(DataType type, int[] inputShape, int[] begin, int[] size, int[] outputShape, DataType indexType = DataType.Int32)
    {
        var b = new GraphBuilder();
        var q = type == DataType.Int8 ? Q(0.1f, -128) : null;
        var input = b.Input("input", type, inputShape, q);
        var beginTensor = indexType == DataType.Int64
            ? b.Constant("begin", DataType.Int64, [begin.Length], begin.Select(v => (long)v).ToArray())
            : b.Constant("begin", DataType.Int32, [begin.Length], begin);
        var sizeTensor = indexType == DataType.Int64
            ? b.Constant("size", DataType.Int64, [size.Length], size.Select(v => (long)v).ToArray())
            : b.Constant("size", DataType.Int32, [size.Length], size);
        var output = b.Activation("output", type, outputShape, q);
        b.AddOperator(OpKind.Slice, [input, beginTensor, sizeTensor], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void FourDimensionalWithMinusOneSize()
    {
        // TFLM slice_test.cc InputFloat4D-style: [3,2,3,1] values {1,1,1,2,2,2,3,3,3,4,4,4,5,5,5,6,6,6}, begin {1,0,0,0},
        // size {2,1,-1,1} -> rows (1,0,*) and (2,0,*): {3,3,3,5,5,5}.
        float[] input = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6];
        var result = Run<float>(Slice(DataType.Float32, [3, 2, 3, 1], [1, 0, 0, 0], [2, 1, -1, 1], [2, 1, 3, 1]), 0, input);
        Assert.That(result, Is.EqualTo(new float[] { 3, 3, 3, 5, 5, 5 }));
    }

    [Test]
    public void Int8WithInt64Indices()
    {
        // [2,4] values -4..3, begin {0,1}, size {2,2}: columns 1..2 of both rows.
        var input = Enumerable.Range(-4, 8).Select(i => (sbyte)i).ToArray();
        var result = Run<sbyte>(Slice(DataType.Int8, [2, 4], [0, 1], [2, 2], [2, 2], DataType.Int64), 0, input);
        Assert.That(result, Is.EqualTo(new sbyte[] { -3, -2, 1, 2 }));
    }

    [Test]
    public void OutOfRangeSizeIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Slice(DataType.Float32, [4], [2], [3], [3])));
        Assert.That(error!.Message, Does.Contain("operator 0 (SLICE)").And.Contain("'size'"));
    }

    [Test]
    public void NegativeBeginIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Slice(DataType.Float32, [4], [-1], [1], [1])));
        Assert.That(error!.Message, Does.Contain("operator 0 (SLICE)").And.Contain("'begin'"));
    }
}
