using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// The Prepare arithmetic that TFLM's LOGISTIC and TANH share (logistic_common.cc, tanh.cc): the int8 input rescaling
/// to Q4.27 with its saturation radius, and the int16 input rescaling to the 1/(3 * 4096) scale of the sigmoid table.
/// </summary>
public static class LogisticTanhScaling
{
    /// <summary>Integer bits of the Q4.27 format the int8 kernels feed to gemmlowp logistic/tanh.</summary>
    public const int Int8InputIntegerBits = 4;

    /// <summary>
    /// int8: input_scale * 2^27 split by frexp into a Q31 multiplier and a left shift; inputs at or beyond the radius
    /// (in quantization steps from the zero point) saturate the output.
    /// </summary>
    public static (int Multiplier, int LeftShift, int RangeRadius) Int8(OpContext ctx, Tensor input)
    {
        var q = ctx.RequirePerTensorQuantization(input);
        var multiplier = ActivationScalingRules.FrExpMultiplier((double)q.Scale * (1 << (31 - Int8InputIntegerBits)));
        // CalculateInputRadius divides by 2^shift: shifts outside [0, 62] are undefined behaviour in TFLM's C++.
        if (multiplier.Shift is < 0 or > 62)
        {
            throw ctx.Fail(input, $"scale {q.Scale} is outside the range the int8 kernel can rescale");
        }
        var radius = ActivationScalingRules.CalculateInputRadius(Int8InputIntegerBits, multiplier.Shift);
        return (multiplier.Multiplier, multiplier.Shift, radius);
    }

    /// <summary>
    /// int16: zero points must be 0 and the output scale 2^-15. A power-of-two input scale whose shift to Q3.12 is
    /// one of <paramref name="powerOfTwoShifts"/> gives multiplier 0 (the kernel then uses 3 &lt;&lt; shift); any other
    /// scale is scaled by 3 * 4096 and doubled until it exceeds 32767 / 2, the doublings becoming the right shift.
    /// </summary>
    public static (int Multiplier, int LeftShift) Int16(OpContext ctx, Tensor input, Tensor output, params int[] powerOfTwoShifts)
    {
        var inQ = ctx.RequirePerTensorQuantization(input);
        var outQ = ctx.RequirePerTensorQuantization(output);
        if (inQ.ZeroPoint != 0)
        {
            throw ctx.Fail(input, $"zero point {inQ.ZeroPoint} must be 0 for int16");
        }
        if (outQ.ZeroPoint != 0)
        {
            throw ctx.Fail(output, $"zero point {outQ.ZeroPoint} must be 0 for int16");
        }
        const int inputIntegerBits = 3;
        var isPowerOfTwo = ActivationScalingRules.CheckedLog2(inQ.Scale, out var inputScaleLog2);
        var leftShift = 15 - inputIntegerBits + inputScaleLog2;
        isPowerOfTwo &= powerOfTwoShifts.Contains(leftShift);
        var multiplier = 0;
        if (!isPowerOfTwo)
        {
            var real = (double)inQ.Scale * 4096.0 * 3.0;
            leftShift = 0;
            while (real <= 32767.0 / 2.0 && leftShift <= 30)
            {
                leftShift++;
                real *= 2.0;
            }
            multiplier = (int)real;
            if (multiplier > short.MaxValue)
            {
                // TFLITE_DCHECK_LE(input_multiplier, 32767): larger multipliers overflow the kernel's int32 product.
                throw ctx.Fail(input, $"scale {inQ.Scale} is too large for the int16 kernel (multiplier {multiplier} exceeds 32767)");
            }
        }
        if (!ActivationScalingRules.CheckedLog2(outQ.Scale, out var outputScaleLog2) || outputScaleLog2 != -15)
        {
            throw ctx.Fail(output, $"scale {outQ.Scale} must be 2^-15 for int16");
        }
        return (multiplier, leftShift);
    }
}
