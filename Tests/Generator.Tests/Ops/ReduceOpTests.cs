using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Ops.Reduce;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

// Quantized expectations follow TFLM's QuantizedMeanOrSum by hand: SRDHM(a, b) = trunc((a*b + nudge) / 2^31) with
// nudge 2^30 (a*b >= 0) or 1 - 2^30; RDBP(x, e) = (x >> e) + (x & mask > (mask >> 1) + (x < 0 ? 1 : 0)).
public class ReduceOpTests
{
    private static Graph Reduce(OpKind kind, DataType type, int[] inputShape, Quantization? inQ, int[] axes, bool keepDims,
        int[] outputShape, Quantization? outQ, DataType axisType = DataType.Int32)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, inputShape, inQ);
        var axis = axisType == DataType.Int64
            ? b.Constant("axis", DataType.Int64, [axes.Length], axes.Select(a => (long)a).ToArray())
            : b.Constant("axis", DataType.Int32, [axes.Length], axes);
        var output = b.Activation("output", type, outputShape, outQ);
        b.AddOperator(kind, [input, axis], [output], new ReducerOptions(keepDims));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8MeanOverLastAxisLikeTinyEngine()
    {
        // tinyengine_vww's MEANs: one axis, keep_dims false, input and output share scale and zero point (6).
        // Multiplier 1.0 -> (2^30, 1); n = 3: k = 1, multiplier (2^31) / 3 = 715827882, shift 0.
        // Row sums minus 6*3: 6 -> SRDHM = trunc((6*715827882 + 2^30) / 2^31) = 2 -> 8;  1 -> 0 -> 6;  2 -> 1 -> 7;
        // -402 -> trunc(-134.4999999) = -134 -> -128;  363 -> 121 -> 127;  -19 -> -6 -> 0.
        var q = Q(0.0485425f, 6);
        var graph = Reduce(OpKind.Mean, DataType.Int8, [6, 3], q, [-1], false, [6], q);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 7, 8, 9, 6, 6, 7, 6, 7, 7, -128, -128, -128, 127, 127, 127, -128, 127, 0 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 8, 6, 7, -128, 127, 0 }));
    }

    [Test]
    public void Int8MeanOverHeightAndWidthWithKeepDims()
    {
        // The H/W keep_dims case: [1,2,2,8] over axes {1,2}, input scale 1 (zp 0), output scale 4 (zp -10).
        // Multiplier 0.25 -> (2^30, -1); n = 4: k = 2, multiplier 2^30, shift -3; out = RDBP(SRDHM(sum, 2^30), 3) - 10.
        // Channel sums {12, 7, -7, -12, 4, -4, 400, -500}: SRDHM halves them (6, 4, -3, -6, 2, -2, 200, -250), then
        // RDBP by 3: 1, 1 (double rounding: 7/16 becomes 1), 0, -1, 0, 0, 25, -31.
        sbyte[] perPosition = [3, 7, -7, -3, 1, -1, 100, -125];
        var input = Enumerable.Range(0, 4).SelectMany(p => perPosition.Select((v, c) => c == 1 || c == 2 ? (sbyte)(p == 0 ? v : 0) : v)).ToArray();
        var graph = Reduce(OpKind.Mean, DataType.Int8, [1, 2, 2, 8], Q(1f, 0), [1, 2], true, [1, 1, 1, 8], Q(4f, -10));
        Assert.That(Run<sbyte>(graph, 0, input), Is.EqualTo(new sbyte[] { -9, -9, -10, -11, -10, -10, 15, -41 }));
    }

    [Test]
    public void Int8SumRoundsTwiceAndSaturates()
    {
        // [5,8] summed over axis 0 (keep_dims), scale 1 -> 4: multiplier (2^30, -1): out = RDBP(SRDHM(sum, 2^30), 1) - 10.
        // Sums {1, 2, 3, -1, -2, 5, 600, -600}: SRDHM -> {1, 1, 2, 0, -1, 3, 300, -300}; RDBP 1 -> {1, 1, 1, 0, -1, 2, 150, -150}.
        var input = new sbyte[40];
        int[] firstRow = [1, 2, 3, -1, -2, 5];
        for (var c = 0; c < 6; c++)
        {
            input[c] = (sbyte)firstRow[c];
        }
        for (var r = 0; r < 5; r++)
        {
            input[r * 8 + 6] = 120;
            input[r * 8 + 7] = -120;
        }
        var graph = Reduce(OpKind.Sum, DataType.Int8, [5, 8], Q(1f, 0), [0], true, [1, 8], Q(4f, -10));
        Assert.That(Run<sbyte>(graph, 0, input), Is.EqualTo(new sbyte[] { -9, -9, -9, -10, -11, -8, 127, -128 }));
    }

    [Test]
    public void Int16SumSaturatesAndHandlesZeroPointExtremes()
    {
        // Scale 1 -> 1 (multiplier (2^30, 1): exact). Input zero point -32768: sum - (-32768)*2.
        var graph = Reduce(OpKind.Sum, DataType.Int16, [2, 2], Q(1f, -32768), [1], false, [2], Q(1f, 0));
        var result = Run<short>(graph, 0, new short[] { -32768, -32767, 0, 1 });
        // Row 0: -65535 + 65536 = 1; row 1: 1 + 65536 = 65537 -> 32767.
        Assert.That(result, Is.EqualTo(new short[] { 1, 32767 }));
    }

    [Test]
    public void FloatMeanOverHeightAndWidthSumsInInputOrder()
    {
        // [1,2,2,2]: per channel, ((x0 + x1) + x2) + x3 from 0, divided by float(4).
        float[] input = [0.1f, 1e8f, 0.2f, -1e8f, 0.3f, 3f, 0.4f, 5f];
        var graph = Reduce(OpKind.Mean, DataType.Float32, [1, 2, 2, 2], null, [2, 1], true, [1, 1, 1, 2], null);
        var expected = new float[2];
        for (var c = 0; c < 2; c++)
        {
            var sum = 0f;
            for (var p = 0; p < 4; p++)
            {
                sum += input[p * 2 + c];
            }
            expected[c] = sum / 4f;
        }
        Assert.That(Run<float>(graph, 0, input), Is.EqualTo(expected));
    }

    [Test]
    public void FloatSumWithDuplicateAndNegativeAxes()
    {
        // Axes {1, -1} on rank 2 are the same axis: row sums, keep_dims false.
        var graph = Reduce(OpKind.Sum, DataType.Float32, [2, 3], null, [1, -1], false, [2], null);
        Assert.That(Run<float>(graph, 0, new[] { 1f, 2f, 3f, 0.5f, 0.25f, 0.125f }), Is.EqualTo(new[] { 6f, 0.875f }));
    }

    [Test]
    public void MeanMultiplierShiftIsLimitedTo31PlusShift()
    {
        // Input scale 2^-20, output 2^10: multiplier 2^-30 -> (2^30, -29). n = 8 gives k = min(3, 32, 31 - 29) = 2:
        // multiplier (2^30 << 2) / 8 = 2^29, shift -31.
        var graph = Reduce(OpKind.Mean, DataType.Int8, [8], Q(MathF.ScaleB(1, -20), 0), [0], false, [], Q(1024f, 0));
        var data = (ReduceData)OperatorRegistry.Default.For(graph.Operators[0]).Prepare(new OpContext(graph, graph.Operators[0]));
        Assert.That((data.Multiplier, data.Shift), Is.EqualTo((1 << 29, -31)));
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 127, 127, 127, 127, 127, 127, 127, 127 }), Is.EqualTo(new sbyte[] { 0 }));
    }

    [Test]
    public void AxisOutOfRangeIsNamed()
    {
        var graph = Reduce(OpKind.Mean, DataType.Float32, [2, 2], null, [2], false, [2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (MEAN)").And.Contain("reduction axis 2"));
    }

    [Test]
    public void Int64AxisIsRejectedAsInTflm()
    {
        var graph = Reduce(OpKind.Sum, DataType.Float32, [2, 2], null, [0], false, [2], null, DataType.Int64);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (SUM)").And.Contain("'axis'").And.Contain("int64"));
    }

    [Test]
    public void OutputShapeMismatchIsNamed()
    {
        var graph = Reduce(OpKind.Mean, DataType.Float32, [2, 3], null, [1], true, [2], null);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (MEAN)").And.Contain("'output'").And.Contain("expected [2x1]"));
    }
}
