using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Unpack;

/// <summary>UNPACK after Prepare: per output, the input slab (index i along the axis) it receives.</summary>
public sealed record UnpackData(int Input, int[] Outputs, int ElementSize, StridedView[] Sources, StridedView[] Destinations);
