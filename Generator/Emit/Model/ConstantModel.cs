namespace MicroGen.Emit.Model;

/// <summary>A const array in flash: C element type, name, count and the formatted elements.</summary>
public sealed record ConstantModel(string Name, string Ctype, int Count, string Values);
