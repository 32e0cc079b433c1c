using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class TransposeOpTests
{
    private static Graph Transpose(DataType type, int[] inputShape, int[] perm, int[] outputShape, DataType permType = DataType.Int32)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, inputShape, type == DataType.Float32 ? null : Q(0.5f, 1));
        var permTensor = permType == DataType.Int64
            ? b.Constant("perm", DataType.Int64, [perm.Length], perm.Select(p => (long)p).ToArray())
            : b.Constant("perm", DataType.Int32, [perm.Length], perm);
        var output = b.Activation("output", type, outputShape, type == DataType.Float32 ? null : Q(0.5f, 1));
        b.AddOperator(OpKind.Transpose, [input, permTensor], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8Nhwc2NchwLikeTinyEngine()
    {
        // [1,2,2,3] with perm (0,3,1,2): out[0][c][h][w] = in[0][h][w][c]; input value = 100h... encoded as h*6+w*3+c.
        var input = Enumerable.Range(0, 12).Select(i => (sbyte)i).ToArray();
        var result = Run<sbyte>(Transpose(DataType.Int8, [1, 2, 2, 3], [0, 3, 1, 2], [1, 3, 2, 2]), 0, input);
        Assert.That(result, Is.EqualTo(new sbyte[] { 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11 }));
    }

    [Test]
    public void Float2DWithInt64Perm()
    {
        var result = Run<float>(Transpose(DataType.Float32, [2, 3], [1, 0], [3, 2], DataType.Int64), 0, new[] { 1f, 2f, 3f, 4f, 5f, 6f });
        Assert.That(result, Is.EqualTo(new[] { 1f, 4f, 2f, 5f, 3f, 6f }));
    }

    [Test]
    public void Int16SixDimensionsReversed()
    {
        // Shape [2,1,2,1,2,1] reversed: out[a][b][c][d][e][f] = in[f][e][d][c][b][a]; only axes 0, 2, 4 have size 2,
        // so the value at input (i0, i2, i4) = 4*i0 + 2*i2 + i4 lands at output (i4, i2, i0) = 4*i4 + 2*i2 + i0.
        var input = Enumerable.Range(0, 8).Select(i => (short)(i - 4)).ToArray();
        var result = Run<short>(Transpose(DataType.Int16, [2, 1, 2, 1, 2, 1], [5, 4, 3, 2, 1, 0], [1, 2, 1, 2, 1, 2]), 0, input);
        var expected = new short[8];
        for (var i0 = 0; i0 < 2; i0++)
        {
            for (var i2 = 0; i2 < 2; i2++)
            {
                for (var i4 = 0; i4 < 2; i4++)
                {
                    expected[4 * i4 + 2 * i2 + i0] = input[4 * i0 + 2 * i2 + i4];
                }
            }
        }
        Assert.That(result, Is.EqualTo(expected));
    }

    [Test]
    public void RepeatedAxisIsRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Transpose(DataType.Int8, [2, 2], [0, 0], [2, 2])));
        Assert.That(error!.Message, Does.Contain("operator 0 (TRANSPOSE)").And.Contain("'perm'").And.Contain("not a permutation"));
    }

    [Test]
    public void NonConstantPermIsRejected()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, [2, 2]);
        var perm = b.Input("perm", DataType.Int32, [2]);
        var output = b.Activation("output", DataType.Float32, [2, 2]);
        b.AddOperator(OpKind.Transpose, [input, perm], [output]);
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (TRANSPOSE)").And.Contain("'perm'").And.Contain("constant"));
    }

    [Test]
    public void WrongOutputShapeIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Transpose(DataType.Float32, [2, 3], [1, 0], [2, 3])));
        Assert.That(error!.Message, Does.Contain("operator 0 (TRANSPOSE)").And.Contain("'output'").And.Contain("expected [3x2]"));
    }
}
