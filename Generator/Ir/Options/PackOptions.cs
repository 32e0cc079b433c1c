namespace MicroGen.Ir.Options;

/// <summary>PACK (ValuesCount inputs stacked along Axis) and UNPACK (Count outputs).</summary>
public sealed record PackOptions(int Count, int Axis) : OperatorOptions;
