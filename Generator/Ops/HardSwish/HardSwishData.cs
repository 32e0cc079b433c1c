using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.HardSwish;

/// <summary>
/// HARD_SWISH after Prepare (TFLite HardSwishParams): Q15 multipliers with power-of-two exponents from the
/// input scale / 128 to the output scale and to the "reluish" scale (3 / 32768).
/// Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.
/// </summary>
public sealed record HardSwishData(
    int Input, int Output, DataType Type,
    int InputZeroPoint, int OutputZeroPoint,
    short ReluishMultiplier, int ReluishExponent,
    short OutputMultiplier, int OutputExponent,
    ElementwiseWalk? Walk = null);
