namespace MicroGen.Ir.Options;

/// <summary>For operators without attributes.</summary>
public sealed record NoOptions : OperatorOptions
{
    public static NoOptions Instance { get; } = new();
}
