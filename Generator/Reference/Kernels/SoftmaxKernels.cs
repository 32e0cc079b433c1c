using System.Numerics;
using System.Runtime.CompilerServices;
using MicroGen.Ops.Softmax;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>SOFTMAX reference kernels: TFLite's reference_ops::Softmax (float and quantized) and SoftmaxInt16.</summary>
public static class SoftmaxKernels
{
    private const int ScaledDiffIntegerBits = 5;
    private const int AccumulationIntegerBits = 12;

    /// <summary>
    /// float32: exp((x - max) * beta) in float with expf (MathF.Exp: the platform libm, which may differ from another
    /// libm in the last ulp), summed in float in row order, then each divided by the sum.
    /// </summary>
    public static void SoftmaxFloat(SoftmaxData d, ReadOnlySpan<float> input, Span<float> output)
    {
        for (var row = 0; row < d.OuterSize; row++)
        {
            var x = input.Slice(row * d.Depth, d.Depth);
            var y = output.Slice(row * d.Depth, d.Depth);
            var max = float.MinValue;
            foreach (var value in x)
            {
                // std::max(max, value) keeps max unless max < value (a NaN never replaces it).
                if (max < value)
                {
                    max = value;
                }
            }
            var sum = 0f;
            for (var c = 0; c < x.Length; c++)
            {
                var exp = MathF.Exp((x[c] - max) * d.Beta);
                y[c] = exp;
                sum += exp;
            }
            for (var c = 0; c < y.Length; c++)
            {
                y[c] /= sum;
            }
        }
    }

    /// <summary>
    /// int8 input, int8 or int16 output: differences to the row maximum are rescaled to Q5.26, exponentiated with
    /// gemmlowp, summed in Q12.19 (differences below DiffMin are skipped), and each exponential is multiplied by the
    /// reciprocal of the sum. Output zero point is the type minimum (-128 or -32768).
    /// Accumulator bound: each term is at most 1.0 = 2^19 in Q12.19, so rows up to 4095 elements cannot overflow.
    /// </summary>
    public static void SoftmaxInt8<TOut>(SoftmaxData d, ReadOnlySpan<sbyte> input, Span<TOut> output)
        where TOut : unmanaged, IBinaryInteger<TOut>, IMinMaxValue<TOut>
    {
        var outputMin = int.CreateTruncating(TOut.MinValue);
        var outputMax = int.CreateTruncating(TOut.MaxValue);
        var outputBits = Unsafe.SizeOf<TOut>() * 8;
        for (var row = 0; row < d.OuterSize; row++)
        {
            var x = input.Slice(row * d.Depth, d.Depth);
            var y = output.Slice(row * d.Depth, d.Depth);
            int maxInRow = sbyte.MinValue;
            foreach (var value in x)
            {
                maxInRow = Math.Max(maxInRow, value);
            }

            var sumOfExps = 0;
            foreach (var value in x)
            {
                var diff = value - maxInRow;
                if (diff >= d.DiffMin)
                {
                    var exp = ScaledExp(d, diff);
                    sumOfExps = unchecked(sumOfExps + GemmlowpFunctions.Rescale(exp, 0, AccumulationIntegerBits));
                }
            }

            var shiftedScale = GemmlowpFunctions.GetReciprocal(sumOfExps, AccumulationIntegerBits, out var numBitsOverUnit);
            var exponent = numBitsOverUnit + 31 - outputBits;
            if (exponent is < 0 or > 31)
            {
                // TFLITE_CHECK(0 <= exponent && exponent <= 31): TFLM aborts when the sum of exponentials overflows.
                throw new InvalidOperationException($"softmax row {row}: the sum of exponentials overflows the Q12.19 accumulator (TFLM aborts here)");
            }
            for (var c = 0; c < x.Length; c++)
            {
                var diff = x[c] - maxInRow;
                if (diff >= d.DiffMin)
                {
                    var exp = ScaledExp(d, diff);
                    var unsaturated = FixedPointMath.RoundingDivideByPot(
                        FixedPointMath.SaturatingRoundingDoublingHighMul(shiftedScale, exp), exponent);
                    var shifted = unsaturated + outputMin;
                    y[c] = TOut.CreateTruncating(Math.Max(Math.Min(shifted, outputMax), outputMin));
                }
                else
                {
                    y[c] = TOut.MinValue;
                }
            }
        }
    }

    /// <summary>
    /// int16 -> int16: exp through the interpolated table on differences rescaled to [-65535, 0] and recentred, the
    /// sum in Q16.15, its reciprocal through the 1/(1+x) table after normalisation, and the product rounded back to Q0.15.
    /// The exponentials are kept in the output row between the two passes, as TFLite does.
    /// Accumulator bound: each exponential is at most 32767, so rows up to 65538 elements cannot overflow int32.
    /// </summary>
    public static void SoftmaxInt16(SoftmaxData d, ReadOnlySpan<short> input, Span<short> output)
    {
        for (var row = 0; row < d.OuterSize; row++)
        {
            var x = input.Slice(row * d.Depth, d.Depth);
            var exps = output.Slice(row * d.Depth, d.Depth);
            int maxInRow = short.MinValue;
            foreach (var value in x)
            {
                maxInRow = Math.Max(maxInRow, value);
            }

            var sumOfExps = 0;
            for (var c = 0; c < x.Length; c++)
            {
                var diff = x[c] - maxInRow;
                var scaledDiff = FixedPointMath.MultiplyByQuantizedMultiplier(diff, d.InputMultiplier, d.InputLeftShift);
                var symmetricScaledDiff = scaledDiff + short.MaxValue;
                var saturated = (short)Math.Min(Math.Max(symmetricScaledDiff, short.MinValue), short.MaxValue);
                exps[c] = Int16LookupTable.Lookup(saturated, d.ExpTable);
                sumOfExps = unchecked(sumOfExps + exps[c]);
            }

            var headroomPlusOne = GemmlowpFunctions.CountLeadingZeros((uint)sumOfExps);
            var shiftedSum = (int)((((long)sumOfExps << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
            // The table computes 1 / (1 + x): x = shifted_sum - 1, recentred from [0, 65535] to [-32768, 32767].
            var symmetricShiftedSum = shiftedSum + -((1 << 15) + (1 << 16));
            var saturatedSum = (short)Math.Min(Math.Max(symmetricShiftedSum, short.MinValue), short.MaxValue);
            long reciprocal = Int16LookupTable.Lookup(saturatedSum, d.ReciprocalTable);

            var rightShift = 31 - headroomPlusOne;
            var round = (long)(1 << (rightShift - 1));
            for (var c = 0; c < exps.Length; c++)
            {
                var result = (int)((exps[c] * reciprocal + round) >> rightShift);
                exps[c] = (short)Math.Min(Math.Max(result, 0), short.MaxValue);
            }
        }
    }

    /// <summary>exp of beta * scale * diff: the difference rescaled to Q5.26, then gemmlowp exp_on_negative_values (Q0.31).</summary>
    private static int ScaledExp(SoftmaxData d, int diff)
    {
        var rescaled = FixedPointMath.MultiplyByQuantizedMultiplierGreaterThanOne(diff, d.InputMultiplier, d.InputLeftShift);
        return GemmlowpFunctions.ExpOnNegativeValues(rescaled, ScaledDiffIntegerBits);
    }
}
