using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Quantize;

/// <summary>
/// QUANTIZE after Prepare. From float32 (IsAffineQuantize) the output is round(x / OutputScale) + OutputZeroPoint;
/// from an integer type it is a requantization by Multiplier/Shift between the two zero points.
/// Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.
/// </summary>
public sealed record QuantizeData(
    int Input, int Output,
    DataType InputType, DataType OutputType,
    bool IsAffineQuantize,
    float OutputScale,
    int InputZeroPoint, int OutputZeroPoint,
    int Multiplier, int Shift,
    ElementwiseWalk? Walk = null);
