using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.LeakyRelu;

/// <summary>
/// LEAKY_RELU after Prepare: non-negative inputs are rescaled by the identity multiplier (input_scale / output_scale),
/// negative ones by the alpha multiplier (input_scale * alpha / output_scale, negative when alpha is); float32 uses Alpha.
/// Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.
/// </summary>
public sealed record LeakyReluData(
    int Input, int Output, DataType Type,
    int InputZeroPoint, int OutputZeroPoint,
    int IdentityMultiplier, int IdentityShift,
    int AlphaMultiplier, int AlphaShift,
    float Alpha,
    ElementwiseWalk? Walk = null);
