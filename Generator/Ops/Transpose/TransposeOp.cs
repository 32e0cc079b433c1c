using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Reference;
using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Transpose;

/// <summary>
/// TRANSPOSE: output[i0..in] = input at the index permuted by the constant perm tensor (int32 or int64), up to 6-D,
/// for the types TFLM transposes (float32, int8, int16). Values are copied bit for bit. TFLM micro itself stops at 5-D.
/// </summary>
public sealed class TransposeOp : OperatorDefinition<TransposeData>
{
    public override IReadOnlyList<OpKind> Kinds { get; } = [OpKind.Transpose];

    public override void Validate(OpContext ctx) => PrepareData(ctx);

    protected override TransposeData PrepareData(OpContext ctx)
    {
        ctx.RequireCounts(2, 2, 1);
        var input = ctx.Input(0);
        var permTensor = ctx.Input(1);
        var output = ctx.Output(0);
        ctx.RequireType(input, DataType.Float32, DataType.Int8, DataType.Int16);
        ctx.RequireSameType(input, output);
        ShapeRules.RequireMaxRank(ctx, input, ShapeRules.MaxRank);
        var rank = input.Shape.Length;
        var perm = ConstantTensors.ReadIntegers(ctx, permTensor);
        if (permTensor.Shape.Length != 1 || perm.Length != rank)
        {
            throw ctx.Fail(permTensor, $"must be a vector of {rank} axes");
        }
        var seen = new bool[rank];
        foreach (var axis in perm)
        {
            if (axis < 0 || axis >= rank || seen[axis])
            {
                throw ctx.Fail(permTensor, $"[{string.Join(", ", perm)}] is not a permutation of the {rank} axes");
            }
            seen[axis] = true;
        }
        var inputStrides = ShapeRules.RowMajorStrides(input.Shape);
        var outputShape = perm.Select(axis => input.Shape[axis]).ToArray();
        ShapeRules.RequireShape(ctx, output, outputShape);
        var source = new StridedView(0, outputShape, perm.Select(axis => inputStrides[axis]).ToArray());
        return new TransposeData(input.Index, output.Index, ShapeRules.ElementSize(ctx, input), source, StridedView.Contiguous(outputShape));
    }

    protected override void Eval(TransposeData d, TensorBuffers buffers) =>
        StridedCopyKernels.Copy(buffers.Bytes(d.Input), d.Source, buffers.WritableBytes(d.Output), d.Destination, d.ElementSize);

    protected override KernelCall Lower(OpContext ctx, TransposeData d, StorageOption storage, TargetFeatures target) =>
        StridedCopyLowering.Create(ctx, d.ElementSize, [d.Input], [d.Output], [(0, d.Source, 0, d.Destination)]);
}
