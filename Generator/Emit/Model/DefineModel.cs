namespace MicroGen.Emit.Model;

public sealed record DefineModel(string Name, string Value);
