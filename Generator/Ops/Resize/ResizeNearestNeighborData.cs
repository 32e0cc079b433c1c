namespace MicroGen.Ops.Resize;

/// <summary>
/// RESIZE_NEAREST_NEIGHBOR after Prepare: for each output row and column, the input row and column it copies
/// (TFLM's GetNearestNeighbor, evaluated once per coordinate).
/// </summary>
public sealed record ResizeNearestNeighborData(
    int Input, int Output, int ElementSize,
    int Batches, int InputHeight, int InputWidth, int Depth,
    int[] SourceRows, int[] SourceColumns);
