using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// LOGISTIC reference kernels: reference_integer_ops::Logistic (int8 through gemmlowp, int16 through the sigmoid
/// table) and reference_ops::Logistic (float). The int16 kernel is also the LSTM's gate sigmoid.
/// Input and output may be the same buffer: each element is read before it is written.
/// </summary>
public static class LogisticKernels
{
    private const int OutputIntegerBits = 8;

    /// <summary>
    /// int8 -> int8: inputs within the radius are rescaled to Q4.27, passed through gemmlowp logistic, rounded from
    /// Q0.31 to steps of 1/256 and offset by the output zero point -128.
    /// </summary>
    public static void LogisticInt8(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var centered = input[i] - inputZeroPoint;
            if (centered <= -inputRangeRadius)
            {
                output[i] = sbyte.MinValue;
            }
            else if (centered >= inputRangeRadius)
            {
                output[i] = sbyte.MaxValue;
            }
            else
            {
                var inputQ4 = FixedPointMath.MultiplyByQuantizedMultiplier(centered, inputMultiplier, inputLeftShift);
                var outputQ0 = GemmlowpFunctions.Logistic(inputQ4, 4);
                var value = FixedPointMath.RoundingDivideByPot(outputQ0, 31 - OutputIntegerBits) + sbyte.MinValue;
                output[i] = (sbyte)Math.Min(Math.Max(value, sbyte.MinValue), sbyte.MaxValue);
            }
        }
    }

    /// <summary>
    /// int16 -> int16: the input is brought to the table's scale (x * multiplier, rounded right shift), its magnitude
    /// indexes sigmoid(i/24) in steps of 2^9 with linear interpolation on the low 9 bits, negative inputs use
    /// 1 - sigmoid(|x|), and the 0.16 + 9 result is rounded down to Q0.15. A zero multiplier means 3 &lt;&lt; shift, no shift.
    /// Products fit int32: |x| &lt;= 2^15 and multiplier &lt;= 32767, plus a rounding term below 2^30.
    /// </summary>
    public static void LogisticInt16(int inputMultiplier, int inputLeftShift, ReadOnlySpan<short> input, Span<short> output)
    {
        if (inputMultiplier == 0)
        {
            inputMultiplier = 3 << inputLeftShift;
            inputLeftShift = 0;
        }
        var round = inputLeftShift > 0 ? 1 << (inputLeftShift - 1) : 0;
        var table = SigmoidTable.Values;
        for (var i = 0; i < input.Length; i++)
        {
            var scaled = (input[i] * inputMultiplier + round) >> inputLeftShift;
            var magnitude = (uint)Math.Abs(scaled);
            var segment = magnitude >> 9;
            uint result;
            if (segment >= 255)
            {
                result = 0x7FFFu << 10;
            }
            else
            {
                uint start = table[(int)segment];
                uint next = table[(int)segment + 1];
                var fraction = magnitude & 0x1FF;
                result = (start << 9) + fraction * (next - start);
            }
            result = scaled >= 0 ? result + (1 << 9) : (1u << (16 + 9)) - result + (1 << 9) - 1;
            output[i] = unchecked((short)(result >> 10));
        }
    }

    /// <summary>
    /// float32: 1 for x above 16.619047..., exp(x) below -9, otherwise 1 / (1 + exp(-x)), in float with expf
    /// (MathF.Exp: the platform libm, which may differ from another libm in the last ulp).
    /// </summary>
    public static void LogisticFloat(ReadOnlySpan<float> input, Span<float> output)
    {
        const float cutoffUpper = 16.619047164916992188f;
        const float cutoffLower = -9f;
        for (var i = 0; i < input.Length; i++)
        {
            var value = input[i];
            float result;
            if (value > cutoffUpper)
            {
                result = 1.0f;
            }
            else if (value < cutoffLower)
            {
                result = MathF.Exp(value);
            }
            else
            {
                result = 1.0f / (1.0f + MathF.Exp(-value));
            }
            output[i] = result;
        }
    }
}
