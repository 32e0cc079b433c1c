using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class StridedSliceOpTests
{
    private static Graph Slice(int[] inputShape, int[] begin, int[] end, int[] strides, int[] outputShape,
        StridedSliceOptions? options = null, DataType type = DataType.Float32)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", type, inputShape, type == DataType.Int8 ? Q(1, 0) : null);
        var beginTensor = b.Constant("begin", DataType.Int32, [begin.Length], begin);
        var endTensor = b.Constant("end", DataType.Int32, [end.Length], end);
        var stridesTensor = b.Constant("strides", DataType.Int32, [strides.Length], strides);
        var output = b.Activation("output", type, outputShape, type == DataType.Int8 ? Q(1, 0) : null);
        b.AddOperator(OpKind.StridedSlice, [input, beginTensor, endTensor, stridesTensor], [output],
            options ?? new StridedSliceOptions(0, 0, 0, 0, 0, false));
        b.MarkOutput(output);
        return b.Build();
    }

    private static StridedSliceOptions Masks(int begin = 0, int end = 0, int ellipsis = 0, int newAxis = 0, int shrink = 0, bool offset = false) =>
        new(begin, end, ellipsis, newAxis, shrink, offset);

    private static readonly float[] OneToFour = [1, 2, 3, 4];
    private static readonly float[] OneToSix = [1, 2, 3, 4, 5, 6];

    // Cases from TFLM strided_slice_test.cc (name, shapes, data, golden).
    [Test]
    public void TflmOneDimensionalCases()
    {
        Assert.Multiple(() =>
        {
            // In1D_NegativeBeginNegativeStride: begin -2, end -3, stride -1 -> {3}.
            Assert.That(Run<float>(Slice([4], [-2], [-3], [-1], [1]), 0, OneToFour), Is.EqualTo(new[] { 3f }));
            // In1D_OutOfRangeBeginNegativeStride: begin 5 clamps to 3 -> {4}.
            Assert.That(Run<float>(Slice([4], [5], [2], [-1], [1]), 0, OneToFour), Is.EqualTo(new[] { 4f }));
            // MinusThreeMinusFourMinusOne -> {2}; MinusFourMinusThreeOne -> {1}.
            Assert.That(Run<float>(Slice([4], [-3], [-4], [-1], [1]), 0, OneToFour), Is.EqualTo(new[] { 2f }));
            Assert.That(Run<float>(Slice([4], [-4], [-3], [1], [1]), 0, OneToFour), Is.EqualTo(new[] { 1f }));
            // In1D_BeginMaskShrinkAxisMask1: TFLM applies the begin mask to a shrunk axis -> element 0.
            Assert.That(Run<float>(Slice([4], [1], [1], [1], [], Masks(begin: 1, shrink: 1)), 0, OneToFour), Is.EqualTo(new[] { 1f }));
            // Odd length, stride 2: {1, 3}; end mask with negative stride runs to the front: {4, 3, 2, 1}.
            Assert.That(Run<float>(Slice([3], [0], [3], [2], [2]), 0, new float[] { 1, 2, 3 }), Is.EqualTo(new[] { 1f, 3f }));
            Assert.That(Run<float>(Slice([4], [3], [0], [-1], [4], Masks(end: 1)), 0, OneToFour), Is.EqualTo(new[] { 4f, 3f, 2f, 1f }));
        });
    }

    [Test]
    public void TflmTwoDimensionalCases()
    {
        Assert.Multiple(() =>
        {
            // In2D_NegStride: [2,3], begin {1,-1}, end {2,-4}, strides {2,-1} -> {6, 5, 4}.
            Assert.That(Run<float>(Slice([2, 3], [1, -1], [2, -4], [2, -1], [1, 3]), 0, OneToSix), Is.EqualTo(new[] { 6f, 5f, 4f }));
            // In2D_NegStrideBeginMask: begin mask on axis 1 -> {6, 5, 4}.
            Assert.That(Run<float>(Slice([2, 3], [1, -2], [2, -4], [1, -1], [1, 3], Masks(begin: 2)), 0, OneToSix), Is.EqualTo(new[] { 6f, 5f, 4f }));
            // In2D_NegStrideEndMask: end mask on axis 1 -> {5, 4}.
            Assert.That(Run<float>(Slice([2, 3], [1, -2], [2, -3], [1, -1], [1, 2], Masks(end: 2)), 0, OneToSix), Is.EqualTo(new[] { 5f, 4f }));
            // In2D_ShrinkAxis3_NegativeSlice: [4,1], begin {-2,-1}, both axes shrunk -> scalar {2}.
            Assert.That(Run<float>(Slice([4, 1], [-2, -1], [-1, 0], [1, 1], [], Masks(shrink: 3)), 0, new float[] { 0, 1, 2, 3 }), Is.EqualTo(new[] { 2f }));
            // In2D_ShrinkAxis2_BeginEndAxis1_NegativeSlice -> [4] {0, 1, 2, 3}.
            Assert.That(Run<float>(Slice([4, 1], [0, -1], [0, 0], [1, 1], [4], Masks(begin: 1, end: 1, shrink: 2)), 0, new float[] { 0, 1, 2, 3 }),
                Is.EqualTo(new[] { 0f, 1f, 2f, 3f }));
        });
    }

    [Test]
    public void Int8ThreeDimensionalStride2AndShrink()
    {
        // [2,3,2] values 1..12. Strides {2,2,2} from 0: elements (0,0,0) and (0,2,0) -> {1, 5}.
        var input = Enumerable.Range(1, 12).Select(i => (sbyte)i).ToArray();
        Assert.That(Run<sbyte>(Slice([2, 3, 2], [0, 0, 0], [2, 3, 2], [2, 2, 2], [1, 2, 1], type: DataType.Int8), 0, input),
            Is.EqualTo(new sbyte[] { 1, 5 }));
        // Shrink axis 0 at index 1 (In3D_IdentityShrinkAxis1 style): the second [3,2] block {7..12}.
        Assert.That(Run<sbyte>(Slice([2, 3, 2], [1, 0, 0], [2, 3, 2], [1, 1, 1], [3, 2], Masks(shrink: 1), DataType.Int8), 0, input),
            Is.EqualTo(new sbyte[] { 7, 8, 9, 10, 11, 12 }));
    }

    [Test]
    public void EllipsisExpandsToTheMiddleAxes()
    {
        // x[1, ..., ::-1] on [2,2,3] (begin {1,0,0}, end {2,0,0}, strides {1,1,-1}, ellipsis at entry 1, begin and end
        // masks on entry 2):
        // axis 0 -> index 1, axis 1 whole, axis 2 reversed: {9, 8, 7, 12, 11, 10} with shape [1,2,3].
        var input = Enumerable.Range(1, 12).Select(i => (float)i).ToArray();
        var result = Run<float>(Slice([2, 2, 3], [1, 0, 0], [2, 0, 0], [1, 1, -1], [1, 2, 3], Masks(ellipsis: 2, begin: 4, end: 4)), 0, input);
        Assert.That(result, Is.EqualTo(new[] { 9f, 8f, 7f, 12f, 11f, 10f }));
    }

    [Test]
    public void NewAxisInsertsSizeOneDimension()
    {
        // x[:, newaxis, 1:] on [2,3]: output [2,1,2] = {2, 3, 5, 6}.
        var result = Run<float>(Slice([2, 3], [0, 0, 1], [0, 0, 3], [1, 1, 1], [2, 1, 2], Masks(begin: 1, end: 1, newAxis: 2)), 0, OneToSix);
        Assert.That(result, Is.EqualTo(new[] { 2f, 3f, 5f, 6f }));
    }

    [Test]
    public void ImplicitTrailingAxesAreWhole()
    {
        // Fewer entries than axes: the implicit ellipsis at the end keeps axis 1 whole. x[1:2] on [2,3] -> {4, 5, 6}.
        Assert.That(Run<float>(Slice([2, 3], [1], [2], [1], [1, 3]), 0, OneToSix), Is.EqualTo(new[] { 4f, 5f, 6f }));
    }

    [Test]
    public void OffsetMakesEndRelativeToBegin()
    {
        // Offset: end = begin + end. Begin 1, "end" 2 -> elements 1..2 of each row: {2, 3, 5, 6}.
        Assert.That(Run<float>(Slice([2, 3], [0, 1], [2, 2], [1, 1], [2, 2], Masks(offset: true)), 0, OneToSix),
            Is.EqualTo(new[] { 2f, 3f, 5f, 6f }));
    }

    [Test]
    public void EmptyOutputIsAllowed()
    {
        // Begin 1, end 0, stride 1 on the last axis selects nothing: output [1,1,1,0].
        Assert.That(Run<float>(Slice([1, 1, 1, 2], [0, 0, 0, 1], [1, 1, 1, 0], [1, 1, 1, 1], [1, 1, 1, 0]), 0, new[] { 1f, 2f }), Is.Empty);
    }

    [Test]
    public void ZeroStrideIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Slice([4], [0], [4], [0], [4])));
        Assert.That(error!.Message, Does.Contain("operator 0 (STRIDED_SLICE)").And.Contain("stride of axis 0 is 0"));
    }

    [Test]
    public void OutOfRangeShrinkIsRejected()
    {
        // TFLM's StrideOutOfBounds / OutOfBounds cases run without writing the output; MicroGen refuses them.
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Slice([1], [1], [2], [1], [], Masks(shrink: 1))));
        Assert.That(error!.Message, Does.Contain("operator 0 (STRIDED_SLICE)").And.Contain("outside its 1 elements"));
    }

    [Test]
    public void OutputShapeMismatchIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Slice([4], [0], [4], [2], [4])));
        Assert.That(error!.Message, Does.Contain("operator 0 (STRIDED_SLICE)").And.Contain("'output'").And.Contain("expected [2]"));
    }
}
