using MicroGen.Emit;
using MicroGen.Reference;

namespace MicroGen.Ops.Common;

/// <summary>
/// RESHAPE, SQUEEZE, EXPAND_DIMS: the output is the input's bytes under another shape. The planner makes the output an
/// alias of the input (no code runs); when it cannot (a constant input), the bytes are copied.
/// </summary>
public abstract class ShapeOnlyOperator : OperatorDefinition<ByteCopyData>
{
    public override void Validate(OpContext ctx) => PrepareData(ctx);

    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) =>
        [StorageOption.Separate(), new StorageOption(StorageMode.Alias, 0, 0)];

    protected override void Eval(ByteCopyData data, TensorBuffers buffers) => ShapeOnlyOps.Eval(data, buffers);

    protected override KernelCall Lower(OpContext ctx, ByteCopyData d, StorageOption storage, TargetFeatures target) =>
        storage.Mode == StorageMode.Alias
            ? KernelCall.None
            : KernelCall.Create("mg_copy_bytes", "mg_copy_bytes_params", [("bytes", KernelValue.Of(d.ByteCount))],
                [KernelOperand.ForTensor(d.Input), KernelOperand.ForTensor(d.Output)], "kernels/mg_copy_bytes.c");
}
