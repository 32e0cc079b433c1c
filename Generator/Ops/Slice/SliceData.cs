using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Slice;

/// <summary>SLICE after Prepare: the selected box of the input as a strided view, copied row-major to the output.</summary>
public sealed record SliceData(int Input, int Output, int ElementSize, StridedView Source, StridedView Destination);
