using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Reference;

namespace MicroGen.Ops;

/// <summary>A definition whose prepared data has type <typeparamref name="TData"/>.</summary>
public abstract class OperatorDefinition<TData> : OperatorDefinition where TData : class
{
    public sealed override object Prepare(OpContext ctx) => PrepareData(ctx);

    public sealed override void Eval(object data, TensorBuffers buffers) => Eval((TData)data, buffers);

    public sealed override KernelCall Lower(OpContext ctx, object data, StorageOption storage, TargetFeatures target) =>
        Lower(ctx, (TData)data, storage, target);

    protected abstract TData PrepareData(OpContext ctx);

    protected abstract void Eval(TData data, TensorBuffers buffers);

    /// <summary>Operators without a C kernel yet are refused at generation time, naming the operator.</summary>
    protected virtual KernelCall Lower(OpContext ctx, TData data, StorageOption storage, TargetFeatures target) =>
        throw ctx.Fail($"no C kernel exists for {ctx.Op.Kind.DisplayName()} with these types yet");
}
