using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Split;

/// <summary>SPLIT / SPLIT_V after Prepare: per output, its part of the input as a view; outputs are written row-major.</summary>
public sealed record SplitData(int Input, int[] Outputs, int ElementSize, StridedView[] Sources, StridedView[] Destinations);
