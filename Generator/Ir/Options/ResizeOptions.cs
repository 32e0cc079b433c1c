namespace MicroGen.Ir.Options;

public sealed record ResizeOptions(bool AlignCorners, bool HalfPixelCenters) : OperatorOptions;
