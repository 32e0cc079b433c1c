using MicroGen.Reference.Kernels;

namespace MicroGen.Ops.Pad;

/// <summary>
/// PAD / PADV2 after Prepare: the box of the output the input fills, and the pad value: the constant_values tensor
/// (read when the operator runs, as TFLM does) or, without one, <see cref="DefaultPadValue"/> (the output zero point
/// for int8, 0 otherwise), as little-endian bytes of one element.
/// </summary>
public sealed record PadData(int Input, int ConstantValues, int Output, int ElementSize, byte[] DefaultPadValue,
    StridedView Source, StridedView Destination);
