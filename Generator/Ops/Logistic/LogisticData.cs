using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Logistic;

/// <summary>
/// LOGISTIC after Prepare. int8: inputs within InputRangeRadius steps of InputZeroPoint are rescaled to Q4.27 by
/// InputMultiplier/InputLeftShift, the rest saturate. int16: InputMultiplier (0 for a power-of-two scale) and
/// InputLeftShift bring the input to the sigmoid table's scale.
/// Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.
/// </summary>
public sealed record LogisticData(
    int Input, int Output, DataType Type,
    int InputZeroPoint, int InputRangeRadius, int InputMultiplier, int InputLeftShift,
    ElementwiseWalk? Walk = null);
