using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ResizeBilinearOpTests
{
    internal static Graph Resize(OpKind kind, DataType type, int[] inputShape, int[] size, int[] outputShape, bool alignCorners = false,
        bool halfPixelCenters = false)
    {
        var b = new GraphBuilder();
        var q = type == DataType.Float32 ? null : Q(0.5f, 0);
        var input = b.Input("input", type, inputShape, q);
        var sizeTensor = b.Constant("size", DataType.Int32, [2], size);
        var output = b.Activation("output", type, outputShape, q);
        b.AddOperator(kind, [input, sizeTensor], [output], new ResizeOptions(alignCorners, halfPixelCenters));
        b.MarkOutput(output);
        return b.Build();
    }

    // TFLM resize_bilinear_test.cc TwoDimensionalResizeInt8 (exact golden): [1,2,2,1] {3,6,9,12} -> 3x3.
    // scale_10 = (2048 + 1) / 3 = 683; e.g. (0,1): (3*341 + 6*683) * 1024 / 2^20 = 5.0009..., + 0.5 -> 5.
    [Test]
    public void Int8MatchesTflmGolden()
    {
        var graph = Resize(OpKind.ResizeBilinear, DataType.Int8, [1, 2, 2, 1], [3, 3], [1, 3, 3, 1]);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { 3, 6, 9, 12 }), Is.EqualTo(new sbyte[] { 3, 5, 6, 7, 9, 10, 9, 11, 12 }));
    }

    // Half-pixel centers, [1,1,2,1] {-3, 4} -> width 4: scale_10 = (2048 + 2) / 4 = 512, positions i*512 + 256 - 512 =
    // {-256, 256, 768, 1280}. x=0: lower = upper = 0 (C division truncates -256/1024 to 0), weights 1280 and -256 on the
    // same pixel -> -3. x=1: (-3*768 + 4*256) / 1024 = -1.25 -> (-1.25 - 0.5) truncated = -1. x=2: (-3*256 + 4*768) / 1024
    // = 2.25 -> 2. x=3: lower = upper = 1 -> 4. (The output height 1 gives row position 0 and weight 1024.)
    [Test]
    public void Int8HalfPixelCentersExtrapolatesAtTheBorder()
    {
        var graph = Resize(OpKind.ResizeBilinear, DataType.Int8, [1, 1, 2, 1], [1, 4], [1, 1, 4, 1], halfPixelCenters: true);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -3, 4 }), Is.EqualTo(new sbyte[] { -3, -1, 2, 4 }));
    }

    // Align corners, width 2 -> 3: scale_10 = (1024 + 1) / 2 = 512, the middle column weighs both pixels 512/1024.
    // Channel 0 {-3, 4}: 0.5 -> (0.5 + 0.5) -> 1; channel 1 {-4, 3}: -0.5 -> (-0.5 - 0.5) -> -1 (ties away from zero).
    [Test]
    public void Int8AlignCornersRoundsTiesAwayFromZero()
    {
        var graph = Resize(OpKind.ResizeBilinear, DataType.Int8, [1, 1, 2, 2], [1, 3], [1, 1, 3, 2], alignCorners: true);
        Assert.That(Run<sbyte>(graph, 0, new sbyte[] { -3, -4, 4, 3 }), Is.EqualTo(new sbyte[] { -3, -4, 1, -1, 4, 3 }));
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void FloatFollowsTflmExpressionOrder(bool alignCorners, bool halfPixelCenters)
    {
        // [1,2,3,1] -> [1,3,4,1]. Expected: the float formula of reference_ops::ResizeBilinear written out here.
        float[] input = [3f, 6.5f, -1.25f, 9f, 12.125f, 0.3f];
        const int inH = 2, inW = 3, outH = 3, outW = 4;
        var graph = Resize(OpKind.ResizeBilinear, DataType.Float32, [1, inH, inW, 1], [outH, outW], [1, outH, outW, 1], alignCorners, halfPixelCenters);
        var expected = new float[outH * outW];
        var scaleY = alignCorners ? (float)(inH - 1) / (outH - 1) : (float)inH / outH;
        var scaleX = alignCorners ? (float)(inW - 1) / (outW - 1) : (float)inW / outW;
        for (var y = 0; y < outH; y++)
        {
            var py = halfPixelCenters ? (y + 0.5f) * scaleY - 0.5f : y * scaleY;
            int y0 = Math.Max((int)MathF.Floor(py), 0), y1 = Math.Min((int)MathF.Ceiling(py), inH - 1);
            for (var x = 0; x < outW; x++)
            {
                var px = halfPixelCenters ? (x + 0.5f) * scaleX - 0.5f : x * scaleX;
                int x0 = Math.Max((int)MathF.Floor(px), 0), x1 = Math.Min((int)MathF.Ceiling(px), inW - 1);
                float wy = py - y0, wx = px - x0;
                var t00 = input[y0 * inW + x0] * (1 - wy) * (1 - wx);
                var t10 = input[y1 * inW + x0] * wy * (1 - wx);
                var t01 = input[y0 * inW + x1] * (1 - wy) * wx;
                var t11 = input[y1 * inW + x1] * wy * wx;
                expected[y * outW + x] = t00 + t10 + t01 + t11 + 0f;
            }
        }
        Assert.That(Run<float>(graph, 0, input), Is.EqualTo(expected));
    }

    [Test]
    public void FloatNegativeZeroBecomesPositiveZero()
    {
        // TFLM adds rounding_offset 0.0f to every float result: -0 + 0 = +0.
        var graph = Resize(OpKind.ResizeBilinear, DataType.Float32, [1, 1, 1, 1], [1, 2], [1, 1, 2, 1]);
        var result = Run<float>(graph, 0, new[] { -0f });
        Assert.That(result.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void AlignCornersWithHalfPixelCentersIsRejected()
    {
        var graph = Resize(OpKind.ResizeBilinear, DataType.Int8, [1, 2, 2, 1], [3, 3], [1, 3, 3, 1], alignCorners: true, halfPixelCenters: true);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESIZE_BILINEAR)").And.Contain("half_pixel_centers"));
    }

    [Test]
    public void OutputShapeNotMatchingSizeIsNamed()
    {
        var graph = Resize(OpKind.ResizeBilinear, DataType.Float32, [1, 2, 2, 1], [3, 3], [1, 4, 4, 1]);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESIZE_BILINEAR)").And.Contain("'output'").And.Contain("expected [1x3x3x1]"));
    }
}
