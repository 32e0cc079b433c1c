using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Slice;

/// <summary>
/// SLICE: inputs (input, begin, size), begin and size constant int32 or int64 vectors with one entry per input
/// dimension; a size of -1 means "to the end". Up to 6-D (TFLM micro: 5-D); float32, int8, int16, int32, bool.
/// </summary>
public sealed class SliceOp : OperatorDefinition<SliceData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Slice];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override SliceData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(3, 3, 1);
        var input = ctx.Input(0);
        var beginTensor = ctx.Input(1);
        var sizeTensor = ctx.Input(2);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Bool);
        ctx.RequireSameType(input, output);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        var rank = input.Shape.Length;
        var begin = ConstantTensors.ReadIntegers(ctx, beginTensor);
        var size = ConstantTensors.ReadIntegers(ctx, sizeTensor);
        ctx.RequireSameType(beginTensor, sizeTensor);
        if (begin.Length != rank || beginTensor.Shape.Length != 1)
        {
            throw ctx.Fail(beginTensor, $"must be a vector of {rank} values");
        }
        if (size.Length != rank || sizeTensor.Shape.Length != 1)
        {
            throw ctx.Fail(sizeTensor, $"must be a vector of {rank} values");
        }
        var outputShape = new int[rank];
        var inputStrides = ShapeRules.RowMajorStrides(input.Shape);
        var offset = 0;
        for (var d = 0; d < rank; d++)
        {
            var dim = input.Shape[d];
            if (begin[d] < 0 || begin[d] > dim)
            {
                throw ctx.Fail(beginTensor, $"begin {begin[d]} of dimension {d} is outside [0, {dim}]");
            }
            var extent = size[d] == -1 ? dim - begin[d] : size[d];
            if (extent < 0 || (long)begin[d] + extent > dim)
            {
                throw ctx.Fail(sizeTensor, $"size {size[d]} from begin {begin[d]} leaves dimension {d} of size {dim}");
            }
            outputShape[d] = extent;
            offset += begin[d] * inputStrides[d];
        }
        ShapeRules.RequireShape(ctx, output, outputShape);
        var source = new StridedView(outputShape.Contains(0) ? 0 : offset, outputShape, inputStrides);
        return new SliceData(input.Index, output.Index, ShapeRules.ElementSize(ctx, input), source, StridedView.Contiguous(outputShape));
    }

    protected override void Eval(SliceData d, TensorBuffers buffers) =>
        StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Source, buffers.WritableBytes(d.Output), d.Destination, d.ElementSize);

    protected override KernelCall Lower(OpContext ctx, SliceData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, [d.Input], [d.Output], [(0, d.Source, 0, d.Destination)]);
}
