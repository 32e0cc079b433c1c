namespace MicroGen.Emit.Model;

/// <summary>
/// A pointer operand. Kind is "arena" (Offset into mg_arena), "scratch" (Offset), "const" (Name of a const array) or
/// "list" (Name of a pointer array declared before the layer function, Ctype "const void" or "void", Elements its
/// entries).
/// </summary>
public sealed record OperandModel(string Kind, string Ctype, long Offset, string Name, IReadOnlyList<OperandModel>? Elements = null);
