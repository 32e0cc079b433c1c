namespace MicroGen.Ir.Options;

public sealed record StridedSliceOptions(
    int BeginMask, int EndMask, int EllipsisMask, int NewAxisMask, int ShrinkAxisMask, bool Offset) : OperatorOptions;
