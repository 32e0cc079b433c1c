using MicroGen.Planning.Patches;

namespace MicroGen.Ops.Common;

/// <summary>
/// Base of the broadcasting binary operators (ADD, SUB, MUL, MAXIMUM, MINIMUM): they run in place over a same-shaped
/// input and patch by patch on [1, H, W, C] feature maps, reading their inputs through views.
/// </summary>
public abstract class BroadcastBinaryOperator<TData> : OperatorDefinition<TData>, IPatchableOperator
    where TData : class, IBroadcastBinaryData
{
    public override IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => ElementwiseStorage.Options(ctx);

    public bool CanPatch(OpContext ctx, object data)
    {
        var d = (TData)data;
        return ElementwisePatching.CanPatch(ctx, d.Input1View, d.Input2View);
    }

    public PatchRegion? Required(OpContext ctx, object data, int inputIndex, PatchRegion output)
    {
        var d = (TData)data;
        return ElementwisePatching.Required(inputIndex == 0 ? d.Input1View : d.Input2View, output);
    }

    public object ForPatch(OpContext ctx, object data, IReadOnlyList<PatchRegion?> inputs, PatchRegion output)
    {
        var d = (TData)data;
        var channels = ctx.Output(0).Shape[3];
        return d.WithViews(
            ElementwisePatching.ForPatch(d.Input1View, inputs[0], output, channels),
            ElementwisePatching.ForPatch(d.Input2View, inputs[1], output, channels));
    }

    public double MacsPerOutputPixel(OpContext ctx, object data) =>
        (double)CountMacs(ctx) / ((long)ctx.Output(0).Shape[1] * ctx.Output(0).Shape[2]);
}
