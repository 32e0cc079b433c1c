namespace MicroGen.Emit.Model;

/// <summary>Persistent state reset by mg_model_reset: arena offset, bytes, fill byte.</summary>
public sealed record VariableModel(long Offset, long Bytes, int Fill);
