namespace MicroGen.Ir.Options;

/// <summary>The attributes of an operator. Each operator kind uses one concrete record.</summary>
public abstract record OperatorOptions;
