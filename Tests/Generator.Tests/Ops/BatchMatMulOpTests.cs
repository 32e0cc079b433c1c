using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class BatchMatMulOpTests
{
    private static Graph MatMul(DataType type, int[] lhsShape, Quantization? lhsQ, int[] rhsShape, Quantization? rhsQ, int[] outputShape,
        Quantization? outQ, bool adjX = false, bool adjY = false, Array? constantRhs = null)
    {
        var b = new GraphBuilder();
        var lhs = b.Input("lhs", type, lhsShape, lhsQ);
        var rhs = constantRhs is null
            ? b.Input("rhs", type, rhsShape, rhsQ)
            : b.AddTensor("rhs", type, rhsShape, rhsQ, ToBytes(constantRhs), isConstant: true);
        var output = b.Activation("output", type, outputShape, outQ);
        b.AddOperator(OpKind.BatchMatMul, [lhs, rhs], [output], new BatchMatMulOptions(adjX, adjY));
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM batch_matmul_test.cc SimpleTestQuantizedInt8: lhs [2,10] and rhs [10,3] from min/max (-63.5, 64): scale 0.5,
    // zero point -128 + int(127 + 0.5) = -1, so q = 2v - 1; output (-127, 128): scale 1, zero point -1.
    // Rows: Σ v_k (k + 1) = 23 and 57 -> expected {22, 22, 22, 56, 56, 56}.
    private static readonly float[] LhsReal = [1, 2, 3, 4, 5, 6, 7, 8, -9, -10, 1, 2, 3, 4, 5, 6, 7, -8, 9, -10];
    private static readonly float[] RhsReal = Enumerable.Range(1, 10).SelectMany(v => Enumerable.Repeat((float)v, 3)).ToArray();

    private static sbyte[] Q8(IEnumerable<float> values) => values.Select(v => (sbyte)(2 * v - 1)).ToArray();

    [Test]
    public void Int8MatchesTflmGolden()
    {
        var graph = MatMul(DataType.Int8, [2, 10], Q(0.5f, -1), [10, 3], Q(0.5f, -1), [2, 3], Q(1f, -1));
        Assert.That(Run<sbyte>(graph, 0, Q8(LhsReal), Q8(RhsReal)), Is.EqualTo(new sbyte[] { 22, 22, 22, 56, 56, 56 }));
    }

    [Test]
    public void Int8AdjointOperandsAndConstantRhsGiveTheSameResult()
    {
        // The same product with lhs stored transposed ([10,2], adj_x) and rhs stored transposed ([3,10], adj_y, constant).
        var lhsT = new float[20];
        var rhsT = new float[30];
        for (var m = 0; m < 2; m++)
        {
            for (var k = 0; k < 10; k++)
            {
                lhsT[k * 2 + m] = LhsReal[m * 10 + k];
            }
        }
        for (var k = 0; k < 10; k++)
        {
            for (var n = 0; n < 3; n++)
            {
                rhsT[n * 10 + k] = RhsReal[k * 3 + n];
            }
        }
        var graph = MatMul(DataType.Int8, [10, 2], Q(0.5f, -1), [3, 10], Q(0.5f, -1), [2, 3], Q(1f, -1), adjX: true, adjY: true,
            constantRhs: Q8(rhsT));
        Assert.That(Run<sbyte>(graph, 0, Q8(lhsT)), Is.EqualTo(new sbyte[] { 22, 22, 22, 56, 56, 56 }));
    }

    // TFLM SimpleTestQuantizedInt16: lhs/rhs scale 10/32767 (zp 0), output scale 1; expected {23, 23, 23, 57, 57, 57}.
    [Test]
    public void Int16MatchesTflmGolden()
    {
        var scale = 10.0f / short.MaxValue;
        short[] Quantize(float[] values) => values.Select(v => (short)MathF.Round(v / scale, MidpointRounding.AwayFromZero)).ToArray();
        var graph = MatMul(DataType.Int16, [2, 10], Q(scale, 0), [10, 3], Q(scale, 0), [2, 3], Q(1f, 0));
        Assert.That(Run<short>(graph, 0, Quantize(LhsReal), Quantize(RhsReal)), Is.EqualTo(new short[] { 23, 23, 23, 57, 57, 57 }));
    }

    [Test]
    public void FloatBroadcastsBatchDimensions()
    {
        // lhs [2,1,2,3], rhs [3,3,2] (batch [3] aligned right): output [2,3,2,2]. Expected: float sums over k from 0.
        var lhs = Enumerable.Range(0, 12).Select(i => i * 0.37f - 2f).ToArray();
        var rhs = Enumerable.Range(0, 18).Select(i => 1.5f - i * 0.11f).ToArray();
        var expected = new float[24];
        for (var b0 = 0; b0 < 2; b0++)
        {
            for (var b1 = 0; b1 < 3; b1++)
            {
                for (var m = 0; m < 2; m++)
                {
                    for (var n = 0; n < 2; n++)
                    {
                        var total = 0f;
                        for (var k = 0; k < 3; k++)
                        {
                            total += rhs[b1 * 6 + k * 2 + n] * lhs[b0 * 6 + m * 3 + k];
                        }
                        expected[((b0 * 3 + b1) * 2 + m) * 2 + n] = total;
                    }
                }
            }
        }
        var graph = MatMul(DataType.Float32, [2, 1, 2, 3], null, [3, 3, 2], null, [2, 3, 2, 2], null);
        Assert.That(Run<float>(graph, 0, lhs, rhs), Is.EqualTo(expected));
    }

    [Test]
    public void DepthMismatchIsNamed()
    {
        var graph = MatMul(DataType.Float32, [2, 3], null, [4, 2], null, [2, 2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (BATCH_MATMUL)").And.Contain("'rhs'").And.Contain("depth"));
    }

    [Test]
    public void Int16NonZeroZeroPointIsRejected()
    {
        var graph = MatMul(DataType.Int16, [2, 2], Q(1, 0), [2, 2], Q(1, 0), [2, 2], Q(1, 5));
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (BATCH_MATMUL)").And.Contain("'output'").And.Contain("zero point 0"));
    }

    [Test]
    public void RankOneOperandIsRejected()
    {
        var graph = MatMul(DataType.Float32, [3], null, [3, 2], null, [2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (BATCH_MATMUL)").And.Contain("'lhs'").And.Contain("rank 1"));
    }
}
