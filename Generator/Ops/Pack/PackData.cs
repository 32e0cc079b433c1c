using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Pack;

/// <summary>PACK after Prepare: per input, the view of the output (index i along the new axis) it fills.</summary>
public sealed record PackData(int[] Inputs, int Output, int ElementSize, StridedView[] Sources, StridedView[] Destinations);
