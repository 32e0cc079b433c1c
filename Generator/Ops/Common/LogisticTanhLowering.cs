using MicroGen.Emit;
using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// The integer C lowerings LOGISTIC and TANH share (Runtime.C mg_logistic_tanh.c): int8 through gemmlowp's fixed point
/// with the input rescaled to Q4.27, int16 through TFLite's sigmoid table.
/// </summary>
public static class LogisticTanhLowering
{
    /// <summary>The call of mg_<paramref name="function"/>_s8 or _s16 (function: "logistic" or "tanh").</summary>
    public static KernelCall Integer(string function, DataType type, int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift,
        IEnumerable<(string Name, KernelValue Value)> walk, KernelOperand[] operands) => type switch
    {
        DataType.Int8 => KernelCall.Create($"mg_{function}_s8", "mg_logistic_tanh_s8_params",
        [
            .. walk,
            ("input_zero_point", KernelValue.Of(inputZeroPoint)), ("input_range_radius", KernelValue.Of(inputRangeRadius)),
            ("input_multiplier", KernelValue.Of(inputMultiplier)), ("input_left_shift", KernelValue.Of(inputLeftShift)),
        ],
        operands, "kernels/mg_logistic_tanh.c"),
        DataType.Int16 => KernelCall.Create($"mg_{function}_s16", "mg_logistic_tanh_s16_params",
        [
            .. walk,
            ("input_multiplier", KernelValue.Of(inputMultiplier)), ("input_left_shift", KernelValue.Of(inputLeftShift)),
            ("sigmoid_table", ActivationLowering.SigmoidTable()),
        ],
        operands, "kernels/mg_logistic_tanh.c"),
        _ => throw new ArgumentException($"{function}: no integer kernel for {type.DisplayName()}"),
    };
}
