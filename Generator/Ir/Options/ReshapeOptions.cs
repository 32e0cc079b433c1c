namespace MicroGen.Ir.Options;

/// <summary>RESHAPE's target shape when it is given as an attribute rather than as a second input.</summary>
public sealed record ReshapeOptions(EquatableArray<int> NewShape) : OperatorOptions;
