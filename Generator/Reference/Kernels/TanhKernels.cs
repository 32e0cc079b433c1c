using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// TANH reference kernels: reference_integer_ops::Tanh (int8 through gemmlowp, int16 through the sigmoid table, using
/// tanh(x) = 2 sigmoid(2x) - 1) and reference_ops::Tanh (float). The int16 kernel is also the LSTM's tanh.
/// Input and output may be the same buffer: each element is read before it is written.
/// </summary>
public static class TanhKernels
{
    private const int OutputScaleBits = 7;

    /// <summary>
    /// int8 -> int8: inputs within the radius are rescaled to Q4.27, passed through gemmlowp tanh and rounded from Q0.31
    /// to steps of 1/128; no output zero point is added (TFLM assumes 0).
    /// </summary>
    public static void TanhInt8(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift,
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
                var outputQ0 = GemmlowpFunctions.Tanh(inputQ4, 4);
                var value = FixedPointMath.RoundingDivideByPot(outputQ0, 31 - OutputScaleBits);
                output[i] = (sbyte)Math.Min(Math.Max(value, sbyte.MinValue), sbyte.MaxValue);
            }
        }
    }

    /// <summary>
    /// int16 -> int16: the input is brought to the table's scale (x * multiplier, rounded right shift), its magnitude
    /// indexes sigmoid(i/24) in steps of 2^8 (the doubled argument) with linear interpolation on the low 8 bits, the
    /// result 2 sigmoid - 1 is formed with the sign of the input and rounded to Q0.15. A zero multiplier means
    /// 3 &lt;&lt; shift, no shift. Products fit int32: |x| &lt;= 2^15 and multiplier &lt;= 32767, plus a rounding term below 2^30.
    /// </summary>
    public static void TanhInt16(int inputMultiplier, int inputLeftShift, ReadOnlySpan<short> input, Span<short> output)
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
            var segment = magnitude >> 8;
            int result;
            if (segment >= 255)
            {
                result = 0xFFFF << 8;
            }
            else
            {
                uint start = table[(int)segment];
                uint next = table[(int)segment + 1];
                var fraction = (byte)(magnitude & 0xFF);
                result = unchecked((int)((start << 8) + fraction * (next - start)));
            }
            result = scaled >= 0
                ? result - (1 << (14 + 9)) + (1 << (9 - 2))
                : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
            output[i] = unchecked((short)(result >> (9 - 1)));
        }
    }

    /// <summary>float32: tanhf (MathF.Tanh: the platform libm, which may differ from another libm in the last ulp).</summary>
    public static void TanhFloat(ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = MathF.Tanh(input[i]);
        }
    }
}
