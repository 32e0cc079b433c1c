namespace MicroGen.Ops.Resize;

/// <summary>
/// RESIZE_BILINEAR after Prepare: per output row (and column) the interpolation position and the two neighbouring
/// input rows (columns), as TFLM's ComputeInterpolationValues computes them: float positions for float32, positions
/// in 1/1024 units for int8 (ComputeInterpolationValuesInteger).
/// </summary>
public sealed record ResizeBilinearData(
    bool IsFloat, int Input, int Output,
    int Batches, int InputHeight, int InputWidth, int Depth,
    float[] RowPositions, int[] RowPositions10, int[] RowLower, int[] RowUpper,
    float[] ColumnPositions, int[] ColumnPositions10, int[] ColumnLower, int[] ColumnUpper);
