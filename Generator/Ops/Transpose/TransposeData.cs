using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Transpose;

/// <summary>
/// TRANSPOSE after Prepare: the input seen in output order (output shape, input strides permuted by perm), so that
/// the output is a row-major copy of that view.
/// </summary>
public sealed record TransposeData(int Input, int Output, int ElementSize, StridedView Source, StridedView Destination);
