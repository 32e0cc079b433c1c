using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Reference;

namespace MicroGen.Ops;

/// <summary>
/// Everything MicroGen knows about one operator kind, in one place: its shape and quantization rules,
/// its MAC count, and its reference semantics split as TFLM splits them into Prepare (shapes, multipliers,
/// shifts: computed once, may use floating point) and Eval (integer only for quantized tensors).
/// Later stages (planner, emitter) ask the same definition for scratch sizes, in-place rules and kernels.
/// </summary>
public abstract class OperatorDefinition
{
    /// <summary>The kinds this definition handles (several for families such as the activations).</summary>
    public abstract IReadOnlyList<OpKind> Kinds { get; }

    /// <summary>Checks counts, types, shapes and quantization; throws UnsupportedModelException naming the operator and tensor.</summary>
    public abstract void Validate(OpContext ctx);

    /// <summary>Multiply-accumulate operations of one invocation.</summary>
    public virtual long CountMacs(OpContext ctx) => 0;

    /// <summary>
    /// The memory options of this operator on a target, best first: the first is always valid; the planner may
    /// choose a later one (in place, aliased) when the graph allows it. Scratch sizes here are the same formulas the
    /// C kernels use (the generated code asserts they agree).
    /// </summary>
    public virtual IReadOnlyList<StorageOption> StorageOptions(OpContext ctx, TargetFeatures target) => [StorageOption.Separate()];

    /// <summary>Computes the operator's immutable data (OpData). Called once per model, after Validate.</summary>
    public abstract object Prepare(OpContext ctx);

    /// <summary>Runs the operator on the buffers, using only the data that Prepare computed.</summary>
    public abstract void Eval(object data, TensorBuffers buffers);

    /// <summary>
    /// The C kernel call that computes the same bytes as Eval, for the chosen storage option and target:
    /// the Runtime.C function, its constant parameter block, and its operands.
    /// </summary>
    public abstract KernelCall Lower(OpContext ctx, object data, StorageOption storage, TargetFeatures target);
}
