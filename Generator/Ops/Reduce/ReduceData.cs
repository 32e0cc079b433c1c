using MicroGen.Ir;

namespace MicroGen.Ops.Reduce;

/// <summary>
/// MEAN or SUM after Prepare. <see cref="InputShape"/> is walked row-major; <see cref="OutputStrides"/> gives, per
/// input dimension, the step of the output offset (0 along reduced axes), so input element i accumulates into
/// output Σ index_d * OutputStrides[d]. <see cref="ElementsPerOutput"/> is TFLM's num_elements_in_axis.
/// For quantized types, <see cref="Multiplier"/> / <see cref="Shift"/> already include MEAN's 1/n adjustment.
/// </summary>
public sealed record ReduceData(
    bool IsMean, DataType Type, int Input, int Output,
    int[] InputShape, int[] OutputStrides, int OutputCount, int ElementsPerOutput,
    int InputZeroPoint, int OutputZeroPoint, int Multiplier, int Shift);
