using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class FullyConnectedOpTests
{
    // TFLM fully_connected_test.cc simple case: input [2,10], weights [3,10] (1..10 per unit), bias {1,2,3},
    // golden {24,25,26,58,59,60}.
    private static readonly float[] Input = [1, 2, 3, 4, 5, 6, 7, 8, -9, -10, 1, 2, 3, 4, 5, 6, 7, -8, 9, -10];

    private static Graph Build(sbyte[] weights, Quantization weightQ, int[] bias, Activation activation, float outScale, int outZero)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [2, 10], Q(0.5f, -1));
        var w = b.Constant("weights", DataType.Int8, [3, 10], weights, weightQ);
        var bi = b.Constant("bias", DataType.Int32, [3], bias);
        var output = b.Activation("output", DataType.Int8, [2, 3], Q(outScale, outZero));
        b.AddOperator(OpKind.FullyConnected, [input, w, bi], [output], new FullyConnectedOptions(activation, false));
        b.MarkOutput(output);
        return b.Build();
    }

    private static sbyte[] QuantizedInput => Input.Select(v => (sbyte)(2 * v - 1)).ToArray();

    private static readonly sbyte[] OneToTen = Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Range(1, 10)).Select(v => (sbyte)v).ToArray();

    [Test]
    public void PerTensorMatchesTflmGolden()
    {
        // Input scale 0.5 zp -1, weights scale 1, bias scale 0.5 ({2,4,6}), output scale 0.5 zp -128:
        // the multiplier is exactly 1, so q = 2 * golden - 128.
        var result = Run<sbyte>(Build(OneToTen, Q(1, 0), [2, 4, 6], Activation.None, 0.5f, -128), 0, QuantizedInput);
        Assert.That(result, Is.EqualTo(new sbyte[] { -80, -78, -76, -12, -10, -8 }));
    }

    [Test]
    public void PerChannelScalesMatchTheRealResult()
    {
        // Unit u's weights are stored as real / scale_u with scales {1, 0.5, 0.25}: the same real weights 1..10.
        var weights = Enumerable.Range(0, 3).SelectMany(u => Enumerable.Range(1, 10).Select(v => (sbyte)(v << u))).ToArray();
        // Bias real {1,2,3} at scales 0.5 * {1, 0.5, 0.25}: {2, 8, 24}.
        var result = Run<sbyte>(Build(weights, PerChannel([1f, 0.5f, 0.25f], 0), [2, 8, 24], Activation.None, 0.5f, -128), 0, QuantizedInput);
        Assert.That(result, Is.EqualTo(new sbyte[] { -80, -78, -76, -12, -10, -8 }));
    }

    [Test]
    public void ReluN1To1Clamps()
    {
        // Output scale 0.5, zero point -128: RELU_N1_TO_1 clamps to [round(-1/0.5) - 128, round(1/0.5) - 128] = [-130->-128, -126].
        var result = Run<sbyte>(Build(OneToTen, Q(1, 0), [2, 4, 6], Activation.ReluN1To1, 0.5f, -128), 0, QuantizedInput);
        Assert.That(result, Is.All.EqualTo((sbyte)-126));
    }

    [Test]
    public void TiesRoundTowardPositiveInfinityInTheHighMultiply()
    {
        // 1 unit, depth 1: multiplier 0.5 = (2^30, shift 0), so the output is SRDHM(acc, 2^30) = floor(acc/2 + 1/2):
        // acc = -3 -> -1.5 -> -1; acc = 3 -> 1.5 -> 2; acc = -1 -> -0.5 -> 0.
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [3, 1], Q(1, 0));
        var w = b.Constant("weights", DataType.Int8, [1, 1], new sbyte[] { 1 }, Q(0.5f, 0));
        var output = b.Activation("output", DataType.Int8, [3, 1], Q(1, 0));
        b.AddOperator(OpKind.FullyConnected, [input, w], [output], new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(output);
        Assert.That(Run<sbyte>(b.Build(), 0, new sbyte[] { -3, 3, -1 }), Is.EqualTo(new sbyte[] { -1, 2, 0 }));
    }

    [Test]
    public void WrongDepthIsNamed()
    {
        var b = new GraphBuilder();
        var input = b.Input("x", DataType.Int8, [1, 7], Q(1, 0));
        var w = b.Constant("w", DataType.Int8, [2, 3], new sbyte[6], Q(1, 0));
        var output = b.Activation("y", DataType.Int8, [1, 2], Q(1, 0));
        b.AddOperator(OpKind.FullyConnected, [input, w], [output], new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.StartWith("operator 0 (FULLY_CONNECTED): tensor 'x'").And.Contain("not a multiple of the filter depth 3"));
    }
}
