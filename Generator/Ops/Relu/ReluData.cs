using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Relu;

/// <summary>
/// RELU / RELU6 / RELU_N1_TO_1 after Prepare. Quantized RELU and RELU_N1_TO_1 requantize by Multiplier/Shift
/// (input_scale / output_scale) and clamp to [ActivationMin, ActivationMax]; quantized RELU6 only clamps the input to
/// [ActivationMin, ActivationMax] (its zero and six on the input scale) with IsClampOnly. Float bounds are
/// FloatMin/FloatMax.
/// Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.
/// </summary>
public sealed record ReluData(
    int Input, int Output, DataType Type,
    bool IsClampOnly,
    int InputZeroPoint, int OutputZeroPoint,
    int Multiplier, int Shift,
    int ActivationMin, int ActivationMax,
    float FloatMin, float FloatMax,
    ElementwiseWalk? Walk = null);
