namespace MicroGen.Emit.Model;

/// <summary>A parameter block field. Kind is "int", "float", "array" (Value names the const array) or "null".</summary>
public sealed record FieldModel(string Name, string Kind, string Value);
