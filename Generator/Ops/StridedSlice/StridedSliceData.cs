using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.StridedSlice;

/// <summary>
/// STRIDED_SLICE after Prepare: the selected elements as a strided view of the input over the dense (input-rank)
/// slice shape; new axes and shrunk axes only change the output's shape, not the order of its elements.
/// </summary>
public sealed record StridedSliceData(int Input, int Output, int ElementSize, StridedView Source, StridedView Destination);
