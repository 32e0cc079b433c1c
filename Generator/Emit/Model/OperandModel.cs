namespace MicroGen.Emit.Model;

/// <summary>A pointer operand. Kind is "arena" (Offset into mg_arena), "scratch" (Offset) or "const" (Name of a const array).</summary>
public sealed record OperandModel(string Kind, string Ctype, long Offset, string Name);
