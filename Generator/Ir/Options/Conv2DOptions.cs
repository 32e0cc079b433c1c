namespace MicroGen.Ir.Options;

/// <summary>CONV_2D attributes; <see cref="Explicit"/>, when set, replaces SAME/VALID with given pad counts.</summary>
public sealed record Conv2DOptions(
    Padding Padding, int StrideH, int StrideW, int DilationH, int DilationW, Activation Activation, ExplicitPadding? Explicit = null)
    : OperatorOptions;
