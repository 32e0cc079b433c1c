using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

/// <summary>
/// The remaining error paths of this group's operators: each malformed graph must be refused before it runs, with a
/// message naming the operator and (where one is at fault) the tensor.
/// </summary>
public class TensorOpErrorTests
{
    public sealed record Case(string Name, Func<Graph> Build, string[] Fragments)
    {
        public override string ToString() => Name;
    }

    private static Graph One(OpKind kind, Func<GraphBuilder, (int[] Inputs, int[] Outputs)> tensors, OperatorOptions? options = null)
    {
        var b = new GraphBuilder();
        var (inputs, outputs) = tensors(b);
        b.AddOperator(kind, inputs, outputs, options);
        foreach (var o in outputs)
        {
            b.MarkOutput(o);
        }
        return b.Build();
    }

    private static int F(GraphBuilder b, string name, params int[] shape) => b.Input(name, DataType.Float32, shape);

    private static int Out(GraphBuilder b, string name, params int[] shape) => b.Activation(name, DataType.Float32, shape);

    private static int I32(GraphBuilder b, string name, int[] shape, params int[] values) => b.Constant(name, DataType.Int32, shape, values);

    public static IEnumerable<Case> Cases =>
    [
        new("constant with too few bytes", () => One(OpKind.Transpose, b => ([F(b, "input", 2, 2),
            b.AddTensor("perm", DataType.Int32, [2], null, new byte[4], isConstant: true)], [Out(b, "output", 2, 2)])),
            ["operator 0 (TRANSPOSE)", "'perm'", "holds 4 bytes"]),
        new("int64 constant beyond int32", () => One(OpKind.Transpose, b => ([F(b, "input", 2, 2),
            b.Constant("perm", DataType.Int64, [2], new[] { 0L, 1L << 40 })], [Out(b, "output", 2, 2)])),
            ["operator 0 (TRANSPOSE)", "'perm'", "does not fit in int32"]),
        new("transpose perm of wrong length", () => One(OpKind.Transpose, b => ([F(b, "input", 2, 2), I32(b, "perm", [3], 0, 1, 2)],
            [Out(b, "output", 2, 2)])), ["operator 0 (TRANSPOSE)", "'perm'", "vector of 2 axes"]),
        new("broadcast beyond 6-D", () => One(OpKind.Add, b => ([F(b, "a", 1, 1, 1, 1, 1, 1, 2), F(b, "b", 2)], [Out(b, "output", 1, 1, 1, 1, 1, 1, 2)]),
            new ActivationOptions(Activation.None)), ["operator 0 (ADD)", "broadcast rank 7"]),
        new("unsupported element type", () => One(OpKind.Reshape, b => ([b.Input("input", DataType.String, [2])],
            [b.Activation("output", DataType.String, [2])])), ["operator 0 (RESHAPE)", "'input'", "string"]),
        new("slice begin of wrong length", () => One(OpKind.Slice, b => ([F(b, "input", 2, 2), I32(b, "begin", [1], 0), I32(b, "size", [2], 1, 1)],
            [Out(b, "output", 1, 1)])), ["operator 0 (SLICE)", "'begin'", "vector of 2"]),
        new("slice size of wrong length", () => One(OpKind.Slice, b => ([F(b, "input", 2, 2), I32(b, "begin", [2], 0, 0), I32(b, "size", [3], 1, 1, 1)],
            [Out(b, "output", 1, 1)])), ["operator 0 (SLICE)", "'size'", "vector of 2"]),
        new("strided slice with two ellipses", () => One(OpKind.StridedSlice, b => ([F(b, "input", 2, 2), I32(b, "begin", [2], 0, 0),
            I32(b, "end", [2], 1, 1), I32(b, "strides", [2], 1, 1)], [Out(b, "output", 2, 2)]), new StridedSliceOptions(0, 0, 3, 0, 0, false)),
            ["operator 0 (STRIDED_SLICE)", "more than one ellipsis"]),
        new("strided slice with more entries than axes", () => One(OpKind.StridedSlice, b => ([F(b, "input", 2), I32(b, "begin", [2], 0, 0),
            I32(b, "end", [2], 1, 1), I32(b, "strides", [2], 1, 1)], [Out(b, "output", 1)]), new StridedSliceOptions(0, 0, 0, 0, 0, false)),
            ["operator 0 (STRIDED_SLICE)", "addresses axis 1"]),
        new("strided slice begin and end of different lengths", () => One(OpKind.StridedSlice, b => ([F(b, "input", 2), I32(b, "begin", [1], 0),
            I32(b, "end", [2], 1, 1), I32(b, "strides", [1], 1)], [Out(b, "output", 1)]), new StridedSliceOptions(0, 0, 0, 0, 0, false)),
            ["operator 0 (STRIDED_SLICE)", "1, 2 and 1 entries"]),
        new("strided slice shrink with negative stride", () => One(OpKind.StridedSlice, b => ([F(b, "input", 3), I32(b, "begin", [1], 1),
            I32(b, "end", [1], 0), I32(b, "strides", [1], -1)], [Out(b, "output")]), new StridedSliceOptions(0, 0, 0, 0, 1, false)),
            ["operator 0 (STRIDED_SLICE)", "negative stride"]),
        new("strided slice begin not a vector", () => One(OpKind.StridedSlice, b => ([F(b, "input", 2), I32(b, "begin", [1, 1], 0),
            I32(b, "end", [1], 1), I32(b, "strides", [1], 1)], [Out(b, "output", 1)]), new StridedSliceOptions(0, 0, 0, 0, 0, false)),
            ["operator 0 (STRIDED_SLICE)", "'begin'", "vector"]),
        new("split with num_splits not matching the outputs", () => One(OpKind.Split, b => ([I32(b, "axis", [1], 0), F(b, "input", 4)],
            [Out(b, "out0", 2), Out(b, "out1", 2)]), new SplitOptions(3)), ["operator 0 (SPLIT)", "num_splits is 3"]),
        new("split with the wrong input count", () => One(OpKind.Split, b => ([F(b, "input", 4)], [Out(b, "out0", 4)]), new SplitOptions(1)),
            ["operator 0 (SPLIT)", "1 inputs, expected 2"]),
        new("split output of the wrong shape", () => One(OpKind.Split, b => ([I32(b, "axis", [1], 0), F(b, "input", 4, 2)],
            [Out(b, "out0", 2, 2), Out(b, "out1", 2, 1)]), new SplitOptions(2)), ["operator 0 (SPLIT)", "'out1'", "expected [2x2]"]),
        new("split_v with two inferred sizes", () => One(OpKind.SplitV, b => ([F(b, "input", 4), I32(b, "size_splits", [2], -1, -1),
            I32(b, "axis", [1], 0)], [Out(b, "out0", 2), Out(b, "out1", 2)]), new SplitOptions(2)),
            ["operator 0 (SPLIT_V)", "'size_splits'", "more than one -1"]),
        new("split_v with a size per output missing", () => One(OpKind.SplitV, b => ([F(b, "input", 4), I32(b, "size_splits", [1], 4),
            I32(b, "axis", [1], 0)], [Out(b, "out0", 2), Out(b, "out1", 2)]), new SplitOptions(2)),
            ["operator 0 (SPLIT_V)", "'size_splits'", "1 sizes for 2 outputs"]),
        new("split axis holding two values", () => One(OpKind.Split, b => ([I32(b, "axis", [2], 0, 0), F(b, "input", 4)],
            [Out(b, "out0", 4)]), new SplitOptions(1)), ["operator 0 (SPLIT)", "'axis'", "exactly one value"]),
        new("concatenation of different ranks", () => One(OpKind.Concatenation, b => ([F(b, "input0", 2), F(b, "input1", 1, 2)],
            [Out(b, "output", 4)]), new ConcatenationOptions(0, Activation.None)), ["operator 0 (CONCATENATION)", "'input1'", "rank 2"]),
        new("concatenation axis sum", () => One(OpKind.Concatenation, b => ([F(b, "input0", 2), F(b, "input1", 2)],
            [Out(b, "output", 5)]), new ConcatenationOptions(0, Activation.None)), ["operator 0 (CONCATENATION)", "'output'", "sum to 4"]),
        new("pack inputs of different shapes", () => One(OpKind.Pack, b => ([F(b, "input0", 2), F(b, "input1", 3)],
            [Out(b, "output", 2, 2)]), new PackOptions(2, 0)), ["operator 0 (PACK)", "'input1'", "expected [2]"]),
        new("pack output of the wrong shape", () => One(OpKind.Pack, b => ([F(b, "input0", 2), F(b, "input1", 2)],
            [Out(b, "output", 2, 2, 1)]), new PackOptions(2, 1)), ["operator 0 (PACK)", "'output'", "expected [2x2]"]),
        new("unpack output of the wrong shape", () => One(OpKind.Unpack, b => ([F(b, "input", 2, 3)],
            [Out(b, "out0", 2), Out(b, "out1", 2)]), new PackOptions(2, 0)), ["operator 0 (UNPACK)", "'out0'", "expected [3]"]),
        new("paddings of the wrong size", () => One(OpKind.Pad, b => ([F(b, "input", 2, 2), I32(b, "paddings", [1, 2], 1, 1)],
            [Out(b, "output", 4, 2)])), ["operator 0 (PAD)", "'paddings'", "expected 4"]),
        new("pad output of the wrong shape", () => One(OpKind.Pad, b => ([F(b, "input", 2), I32(b, "paddings", [1, 2], 1, 1)],
            [Out(b, "output", 3)])), ["operator 0 (PAD)", "'output'", "expected [4]"]),
        new("padv2 constant with two values", () => One(OpKind.PadV2, b => ([F(b, "input", 2), I32(b, "paddings", [1, 2], 1, 1),
            b.Constant("constant_values", DataType.Float32, [2], new[] { 1f, 2f })], [Out(b, "output", 4)])),
            ["operator 0 (PADV2)", "'constant_values'", "exactly one value"]),
        new("int8 pad zero point outside int8", () => One(OpKind.Pad, b => ([b.Input("input", DataType.Int8, [2], Q(1, 0)),
            I32(b, "paddings", [1, 2], 1, 1)], [b.Activation("output", DataType.Int8, [4], Q(1, 300))])),
            ["operator 0 (PAD)", "'output'", "zero point 300"]),
        new("reshape shape tensor not a vector", () => One(OpKind.Reshape, b => ([F(b, "input", 4), I32(b, "shape", [2, 1], 2, 2)],
            [Out(b, "output", 2, 2)])), ["operator 0 (RESHAPE)", "'shape'", "vector"]),
        new("reshape -1 that cannot divide", () => One(OpKind.Reshape, b => ([F(b, "input", 6), I32(b, "shape", [2], -1, 4)],
            [Out(b, "output", 2, 3)])), ["operator 0 (RESHAPE)", "cannot hold the 6 elements of 'input'"]),
        new("squeeze output of the wrong shape", () => One(OpKind.Squeeze, b => ([F(b, "input", 1, 2, 1)], [Out(b, "output", 2, 1)]),
            new SqueezeOptions([])), ["operator 0 (SQUEEZE)", "'output'", "expected [2]"]),
        new("squeeze beyond 8-D", () => One(OpKind.Squeeze, b => ([F(b, "input", 1, 1, 1, 1, 1, 1, 1, 1, 2)], [Out(b, "output", 2)]),
            new SqueezeOptions([])), ["operator 0 (SQUEEZE)", "'input'", "rank 9"]),
        new("expand_dims axis not a scalar", () => One(OpKind.ExpandDims, b => ([F(b, "input", 2), I32(b, "axis", [1, 1], 0)],
            [Out(b, "output", 1, 2)])), ["operator 0 (EXPAND_DIMS)", "'axis'", "scalar"]),
        new("expand_dims axis out of range", () => One(OpKind.ExpandDims, b => ([F(b, "input", 2), I32(b, "axis", [1], 3)],
            [Out(b, "output", 1, 2)])), ["operator 0 (EXPAND_DIMS)", "axis 3 is out of range"]),
        new("reduce axis not a vector", () => One(OpKind.Sum, b => ([F(b, "input", 2, 2), I32(b, "axis", [1, 1], 0)],
            [Out(b, "output", 2)]), new ReducerOptions(false)), ["operator 0 (SUM)", "'axis'", "scalar or a vector"]),
        new("resize size of three values", () => One(OpKind.ResizeBilinear, b => ([F(b, "input", 1, 2, 2, 1), I32(b, "size", [3], 2, 2, 2)],
            [Out(b, "output", 1, 2, 2, 1)]), new ResizeOptions(false, false)), ["operator 0 (RESIZE_BILINEAR)", "'size'", "2 values"]),
        new("resize to an empty size", () => One(OpKind.ResizeNearestNeighbor, b => ([F(b, "input", 1, 2, 2, 1), I32(b, "size", [2], 0, 2)],
            [Out(b, "output", 1, 0, 2, 1)]), new ResizeOptions(false, false)), ["operator 0 (RESIZE_NEAREST_NEIGHBOR)", "'size'", "positive"]),
        new("resize of an empty input", () => One(OpKind.ResizeNearestNeighbor, b => ([F(b, "input", 1, 0, 2, 1), I32(b, "size", [2], 2, 2)],
            [Out(b, "output", 1, 2, 2, 1)]), new ResizeOptions(false, false)), ["operator 0 (RESIZE_NEAREST_NEIGHBOR)", "'input'", "empty spatial"]),
        new("batch_matmul batches that do not broadcast", () => One(OpKind.BatchMatMul, b => ([F(b, "lhs", 2, 2, 2), F(b, "rhs", 3, 2, 2)],
            [Out(b, "output", 3, 2, 2)]), new BatchMatMulOptions(false, false)), ["operator 0 (BATCH_MATMUL)", "'rhs'", "batch dimension 0"]),
        new("batch_matmul output of the wrong shape", () => One(OpKind.BatchMatMul, b => ([F(b, "lhs", 2, 3), F(b, "rhs", 3, 4)],
            [Out(b, "output", 4, 2)]), new BatchMatMulOptions(false, false)), ["operator 0 (BATCH_MATMUL)", "'output'", "expected [2x4]"]),
        new("maximum of mixed types", () => One(OpKind.Maximum, b => ([F(b, "a", 2), b.Input("b", DataType.Int32, [2])],
            [Out(b, "output", 2)])), ["operator 0 (MAXIMUM)", "'b'", "int32"]),
    ];

    [TestCaseSource(nameof(Cases))]
    public void IsRefusedWithANamedMessage(Case testCase)
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(testCase.Build()));
        foreach (var fragment in testCase.Fragments)
        {
            Assert.That(error!.Message, Does.Contain(fragment));
        }
    }
}
