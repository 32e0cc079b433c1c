using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ResizeNearestNeighborOpTests
{
    private static Graph Resize(DataType type, int[] inputShape, int[] size, int[] outputShape, bool alignCorners = false, bool halfPixelCenters = false) =>
        ResizeBilinearOpTests.Resize(OpKind.ResizeNearestNeighbor, type, inputShape, size, outputShape, alignCorners, halfPixelCenters);

    // TFLM resize_nearest_neighbor_test.cc TwoDimensionalResizeInt8: {3,-6,9,12} 2x2 -> 3x3; scale 2/3: sources {0,0,1}.
    [Test]
    public void Int8MatchesTflmGolden()
    {
        var result = Run<sbyte>(Resize(DataType.Int8, [1, 2, 2, 1], [3, 3], [1, 3, 3, 1]), 0, new sbyte[] { 3, -6, 9, 12 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 3, 3, -6, 3, 3, -6, 9, 9, 12 }));
    }

    // Width 2 -> 3 sources: half-pixel floor((x + 0.5) * 0.6666667) = {0, 1, 1}; align corners round(x * 0.5) half
    // away = {0, 1, 1}; both: round((x + 0.5) * 0.5) = {0, 1, 1}; plain floor(x * 0.6666667) = {0, 0, 1}.
    [TestCase(false, false, new short[] { -7, -7, 300 })]
    [TestCase(false, true, new short[] { -7, 300, 300 })]
    [TestCase(true, false, new short[] { -7, 300, 300 })]
    [TestCase(true, true, new short[] { -7, 300, 300 })]
    public void Int16SamplingModes(bool alignCorners, bool halfPixelCenters, short[] expected)
    {
        var result = Run<short>(Resize(DataType.Int16, [1, 1, 2, 1], [1, 3], [1, 1, 3, 1], alignCorners, halfPixelCenters), 0, new short[] { -7, 300 });
        Assert.That(result, Is.EqualTo(expected));
    }

    [Test]
    public void FloatDownsampleWithHalfPixelCentersAndChannels()
    {
        // Width 4 -> 3, half-pixel: floor((x + 0.5) * 1.3333334) = {0, 2, 3}; two channels copied together; two batches.
        float[] input = [0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 10, 10.5f, 11, 11.5f, 12, 12.5f, 13, 13.5f];
        var result = Run<float>(Resize(DataType.Float32, [2, 1, 4, 2], [1, 3], [2, 1, 3, 2], halfPixelCenters: true), 0, input);
        Assert.That(result, Is.EqualTo(new[] { 0, 0.5f, 2, 2.5f, 3, 3.5f, 10, 10.5f, 12, 12.5f, 13, 13.5f }));
    }

    [Test]
    public void NonFourDimensionalInputIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Resize(DataType.Float32, [2, 2, 1], [3, 3], [3, 3, 1])));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESIZE_NEAREST_NEIGHBOR)").And.Contain("'input'").And.Contain("rank 3"));
    }

    [Test]
    public void Int64SizeIsRejectedAsInTflm()
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, [1, 1, 1, 1]);
        var size = b.Constant("size", DataType.Int64, [2], new long[] { 2, 2 });
        var output = b.Activation("output", DataType.Float32, [1, 2, 2, 1]);
        b.AddOperator(OpKind.ResizeNearestNeighbor, [input, size], [output], new MicroGen.Ir.Options.ResizeOptions(false, false));
        b.MarkOutput(output);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(b.Build()));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESIZE_NEAREST_NEIGHBOR)").And.Contain("'size'").And.Contain("int64"));
    }
}
