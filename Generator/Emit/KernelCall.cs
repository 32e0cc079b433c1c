using MicroGen.Ir;

namespace MicroGen.Emit;

/// <summary>
/// How one layer runs in C: the Runtime.C function, its parameter block type and fields (in declaration order), the
/// pointer operands, and the Runtime.C source files it needs. When the kernel uses scratch, the generated code asserts
/// at compile time that the kernel's own size macro, applied to the arguments given here, equals the planned bytes.
/// </summary>
public sealed record KernelCall(
    string Function,
    string ParamsType,
    EquatableArray<KernelField> Fields,
    EquatableArray<KernelOperand> Operands,
    EquatableArray<string> Sources,
    string? ScratchMacro = null,
    EquatableArray<long> ScratchMacroArguments = default)
{
    /// <summary>No code: the step's result is already in place (an alias).</summary>
    public static KernelCall None { get; } = new("", "", EquatableArray<KernelField>.Empty, EquatableArray<KernelOperand>.Empty, EquatableArray<string>.Empty);

    public bool IsNone => Function.Length == 0;

    /// <summary>Builds a call whose parameter block is given as (name, value) pairs.</summary>
    public static KernelCall Create(string function, string paramsType, IEnumerable<(string Name, KernelValue Value)> fields,
        IEnumerable<KernelOperand> operands, params string[] sources) =>
        new(function, paramsType, fields.Select(f => new KernelField(f.Name, f.Value)).ToArray(), operands.ToArray(), sources);
}
