using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Concatenation;

/// <summary>CONCATENATION after Prepare: per input, the view of the output it fills (inputs are read row-major).</summary>
public sealed record ConcatenationData(int[] Inputs, int Output, int ElementSize, StridedView[] Sources, StridedView[] Destinations);
