using MicroGen.Ir;
using MicroGen.Ir.Options;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class DepthwiseConv2DOpTests
{
    // TFLM depthwise_conv_test.cc filter {1,2,3,4,-9,10,-11,12,5,6,7,8,13,-14,15,-16} [1,2,2,4], bias {1,2,3,4}.
    private static readonly sbyte[] Filter = [1, 2, 3, 4, -9, 10, -11, 12, 5, 6, 7, 8, 13, -14, 15, -16];

    private static Graph Build(int[] inputShape, int[] outputShape, DepthwiseConv2DOptions options, float[] filterScales, int[] bias,
        float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, inputShape, Q(inputScale, inputZeroPoint));
        var filter = b.Constant("filter", DataType.Int8, [1, 2, 2, 4], Filter,
            filterScales.Length == 1 ? Q(filterScales[0], 0) : PerChannel(filterScales, 3));
        var biasT = b.Constant("bias", DataType.Int32, [4], bias);
        var output = b.Activation("output", DataType.Int8, outputShape, Q(outputScale, outputZeroPoint));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, filter, biasT], [output], options);
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void DepthMultiplierTwoMatchesTflmGolden()
    {
        // TFLM SimpleTest: input [1,3,2,2] {1,2,7,8,3,4,9,10,5,6,11,12}, golden {71,-34,99,-20,91,-26,127,-4}.
        // Input scale 0.5, zero point 0 (q = 2v); filter scale 1; bias scale 0.5 (q = 2b); output scale 1, zero point 0:
        // the multiplier is exactly 0.5, so the int8 output is the golden itself.
        var graph = Build([1, 3, 2, 2], [1, 2, 1, 4], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, 1, 2, Activation.None),
            [1f], [2, 4, 6, 8], 0.5f, 0, 1f, 0);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 2, 4, 14, 16, 6, 8, 18, 20, 10, 12, 22, 24 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 71, -34, 99, -20, 91, -26, 127, -4 }));
    }

    [Test]
    public void DilatedPerChannelMatchesTflmGolden()
    {
        // TFLM SimpleTestDilatedQuantizedPerChannel: input [1,4,6,2], dilation 2 (h) x 3 (w), VALID.
        // Per-channel filter scales {1,1,1,1} keep the filter integers; input scale 0.5 => q = 2v.
        float[] real = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4,
            1, 2, 3, 4, 5, 6, 2, 6, 2, 4, 4, 2, 3, 2, 6, 5, 1, 4, 1, 2, 1, 4, 6, 3];
        var graph = Build([1, 4, 6, 2], [1, 2, 3, 4], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 2, 3, 2, Activation.None),
            [1f, 1f, 1f, 1f], [2, 4, 6, 8], 0.5f, 0, 1f, 0);
        var result = Run<sbyte>(graph, 0, real.Select(v => (sbyte)(2 * v)).ToArray());
        Assert.That(result, Is.EqualTo(new sbyte[] { 15, 2, 88, -48, 25, 14, 72, 0, 61, -2, 56, 48, -4, 52, 12, 48, 11, 70, 63, 40, 51, -30, 41, 48 }));
    }

    [Test]
    public void ZeroPointsAtInt8ExtremesAndReluClamp()
    {
        // Input zero point 127 (q = 2v + 127 would overflow, so use scale 1: q = v - 128 + 128... ) — here the input
        // is at zero point -128 with scale 1: q = v - 128. Output zero point 127 with scale 1, RELU:
        // the clamp is [max(-128, 127 + 0), 127] = [127, 127], so every output is 127.
        var graph = Build([1, 3, 2, 2], [1, 2, 1, 4], new DepthwiseConv2DOptions(Padding.Valid, 1, 1, 1, 1, 2, Activation.Relu),
            [1f], [1, 2, 3, 4], 1f, -128, 1f, 127);
        var result = Run<sbyte>(graph, 0, new sbyte[] { -127, -126, -121, -120, -125, -124, -119, -118, -123, -122, -117, -116 });
        Assert.That(result, Is.All.EqualTo((sbyte)127));
    }

    [Test]
    public void SamePaddingSkipsTapsOutsideTheImage()
    {
        // 1x2x2x1 input {1,2,3,4} (scale 1, zp 0), 2x2 filter of ones... built from the first four filter values via
        // per-channel scale: use channel 0 only by a 1-channel graph below.
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [1, 2, 2, 1], Q(1, 0));
        var filter = b.Constant("filter", DataType.Int8, [1, 2, 2, 1], new sbyte[] { 1, 1, 1, 1 }, Q(1, 0));
        var output = b.Activation("output", DataType.Int8, [1, 2, 2, 1], Q(1, 0));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, filter], [output], new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, 1, 1, Activation.None));
        b.MarkOutput(output);
        // SAME with a 2x2 window pads one row/column at the bottom/right: out(0,0)=1+2+3+4, out(0,1)=2+4, out(1,0)=3+4, out(1,1)=4.
        var result = Run<sbyte>(b.Build(), 0, new sbyte[] { 1, 2, 3, 4 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 10, 6, 7, 4 }));
    }
}
