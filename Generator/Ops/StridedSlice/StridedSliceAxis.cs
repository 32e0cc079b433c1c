namespace MicroGen.Ops.StridedSlice;

/// <summary>One input axis of a strided slice after mask and index resolution: first index, step and element count.</summary>
public readonly record struct StridedSliceAxis(int Start, int Stride, int Count);
