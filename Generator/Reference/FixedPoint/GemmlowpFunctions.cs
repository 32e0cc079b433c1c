using System.Numerics;

namespace MicroGen.Reference.FixedPoint;

/// <summary>
/// gemmlowp's fixed-point transcendental functions (fixedpoint.h) on 32-bit raw values, and the helpers TFLite's
/// common.h builds on them, bit for bit. A value "in Qm" is gemmlowp's FixedPoint&lt;int32_t, m&gt;: m integer bits,
/// 31 - m fractional bits, real = raw / 2^(31 - m). The integer-bit counts that gemmlowp carries in template
/// parameters are explicit arguments here.
/// Additions and subtractions wrap as gemmlowp's plain int32 Add/Sub do in practice; products are
/// SaturatingRoundingDoublingHighMul (gemmlowp's FixedPoint operator*).
/// </summary>
public static class GemmlowpFunctions
{
    /// <summary>exp(-1/8) in Q0.31, the centre of the Taylor expansion.</summary>
    private const int ExpMinusOneEighth = 1895147668;

    /// <summary>1/3 in Q0.31.</summary>
    private const int OneThird = 715827883;

    /// <summary>48/17 in Q2.29: the Newton-Raphson starting constant of the reciprocal.</summary>
    private const int FortyEightOverSeventeen = 1515870810;

    /// <summary>-32/17 in Q2.29.</summary>
    private const int MinusThirtyTwoOverSeventeen = -1010580540;

    /// <summary>The Q0.31 multipliers exp(-2^k) for k = -2..4 used by the barrel shifter of exp_on_negative_values.</summary>
    private static ReadOnlySpan<int> ExpOfMinusPowerOfTwo =>
    [
        1672461947, // exp(-1/4)
        1302514674, // exp(-1/2)
        790015084,  // exp(-1)
        290630308,  // exp(-2)
        39332535,   // exp(-4)
        720401,     // exp(-8)
        242,        // exp(-16)
    ];

    /// <summary>FixedPoint&lt;int32_t, 0&gt;::One(): the largest Q0.31 value, just below 1.</summary>
    public const int OneQ0 = int.MaxValue;

    /// <summary>Number of leading zero bits; 32 for zero (TFLite CountLeadingZeros on uint32).</summary>
    public static int CountLeadingZeros(uint value) => BitOperations.LeadingZeroCount(value);

    /// <summary>(a + b) / 2 rounded to nearest, ties away from zero (gemmlowp RoundingHalfSum, VRHADD).</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        var sum = (long)a + b;
        var sign = sum >= 0 ? 1L : -1L;
        return (int)((sum + sign) / 2);
    }

    /// <summary>
    /// gemmlowp SaturatingRoundingMultiplyByPOT&lt;exponent&gt;: a positive exponent is a left shift that saturates
    /// at the int32 limits, a negative one a rounding right shift, zero the identity.
    /// </summary>
    public static int SaturatingRoundingMultiplyByPot(int x, int exponent)
    {
        if (exponent == 0)
        {
            return x;
        }
        if (exponent < 0)
        {
            return FixedPointMath.RoundingDivideByPot(x, -exponent);
        }
        // The thresholds are those of gemmlowp: |x| above (2^(31 - exponent) - 1) saturates.
        var threshold = (int)((1L << (31 - exponent)) - 1);
        if (x > threshold)
        {
            return int.MaxValue;
        }
        if (x < -threshold)
        {
            return int.MinValue;
        }
        return x << exponent;
    }

    /// <summary>gemmlowp Rescale: reinterprets a Q(sourceIntegerBits) value as Q(targetIntegerBits).</summary>
    public static int Rescale(int raw, int sourceIntegerBits, int targetIntegerBits) =>
        SaturatingRoundingMultiplyByPot(raw, sourceIntegerBits - targetIntegerBits);

    /// <summary>exp(a) for a in [-1/4, 0), both Q0.31: a fourth-order Taylor expansion around -1/8.</summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a)
    {
        // x = a + 1/8 (1/8 in Q0.31 is 2^28).
        var x = unchecked(a + (1 << 28));
        var x2 = Mul(x, x);
        var x3 = Mul(x2, x);
        var x4 = Mul(x2, x2);
        var x4Over4 = SaturatingRoundingMultiplyByPot(x4, -2);
        var x4Over24PlusX3Over6PlusX2Over2 =
            SaturatingRoundingMultiplyByPot(unchecked(Mul(unchecked(x4Over4 + x3), OneThird) + x2), -1);
        return unchecked(ExpMinusOneEighth + Mul(ExpMinusOneEighth, unchecked(x + x4Over24PlusX3Over6PlusX2Over2)));
    }

    /// <summary>
    /// exp(a) for a &lt;= 0 given in Q(integerBits); the result is Q0.31. The fractional quarter goes through the Taylor
    /// expansion, each set bit of the remaining multiple of 1/4 multiplies by exp(-2^k), inputs below -32 give 0
    /// (only representable with more than 5 integer bits) and 0 gives One.
    /// </summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        var fractionalBits = 31 - integerBits;
        var oneQuarter = 1 << (fractionalBits - 2);
        var mask = oneQuarter - 1;
        var aModQuarterMinusOneQuarter = unchecked((a & mask) - oneQuarter);
        var result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        var remainder = unchecked(aModQuarterMinusOneQuarter - a);
        var multipliers = ExpOfMinusPowerOfTwo;
        for (var exponent = -2; exponent <= 4; exponent++)
        {
            if (integerBits > exponent)
            {
                var shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0)
                {
                    result = Mul(result, multipliers[exponent + 2]);
                }
            }
        }
        if (integerBits > 5)
        {
            // -32.0 in Q(integerBits): raw -(2^(36 - integerBits)).
            var clamp = -(1 << (36 - integerBits));
            if (a < clamp)
            {
                result = 0;
            }
        }
        return a == 0 ? OneQ0 : result;
    }

    /// <summary>1 / (1 + a) for a in [0, 1), both Q0.31: three Newton-Raphson steps in Q2.29.</summary>
    public static int OneOverOnePlusXForXIn01(int a)
    {
        var x = NewtonRaphsonReciprocalOfHalfDenominator(RoundingHalfSum(a, OneQ0));
        // ExactMulByPot<-1> turns the Q2 value into a Q1 one with the same raw bits; then Rescale<0> from Q1.
        return Rescale(x, 1, 0);
    }

    /// <summary>(1 - a) / (1 + a) for a in [0, 1), both Q0.31.</summary>
    public static int OneMinusXOverOnePlusXForXIn01(int a)
    {
        var x = NewtonRaphsonReciprocalOfHalfDenominator(RoundingHalfSum(a, OneQ0));
        const int oneQ2 = 1 << 29;
        return Rescale(unchecked(x - oneQ2), 2, 0);
    }

    /// <summary>tanh(a) for a in Q(integerBits), result in Q0.31: (1 - exp(-2|a|)) / (1 + exp(-2|a|)) with the sign restored.</summary>
    public static int Tanh(int a, int integerBits)
    {
        if (a == 0)
        {
            return 0;
        }
        var isNegative = a < 0;
        var negativeMagnitude = isNegative ? a : unchecked(-a);
        // ExactMulByPot<1>: the same raw value read with one more integer bit is 2 * n.
        var t = OneMinusXOverOnePlusXForXIn01(ExpOnNegativeValues(negativeMagnitude, integerBits + 1));
        return isNegative ? unchecked(-t) : t;
    }

    /// <summary>logistic(a) = 1 / (1 + exp(-a)) for a in Q(integerBits), result in Q0.31; logistic(0) is exactly 1/2.</summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0)
        {
            return 1 << 30;
        }
        var isPositive = a > 0;
        var magnitude = isPositive ? a : unchecked(-a);
        var resultIfPositive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(unchecked(-magnitude), integerBits));
        return isPositive ? resultIfPositive : unchecked(OneQ0 - resultIfPositive);
    }

    /// <summary>
    /// TFLite GetReciprocal: 1 / x for a positive x in Q(xIntegerDigits). The result is in Q0.31 and represents
    /// 2^numBitsOverUnit / x, i.e. the caller still divides by 2^numBitsOverUnit.
    /// </summary>
    public static int GetReciprocal(int x, int xIntegerDigits, out int numBitsOverUnit)
    {
        var headroomPlusOne = CountLeadingZeros((uint)x);
        numBitsOverUnit = xIntegerDigits - headroomPlusOne;
        var shiftedSumMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return OneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }

    /// <summary>
    /// gemmlowp SaturatingRoundingDoublingHighMul for int16 (VQRDMULH on 16-bit lanes): high half of 2ab rounded to
    /// nearest, ties away from zero; -1 * -1 saturates to 32767.
    /// </summary>
    public static short SaturatingRoundingDoublingHighMul(short a, short b)
    {
        if (a == b && a == short.MinValue)
        {
            return short.MaxValue;
        }
        var ab = a * b;
        var nudge = ab >= 0 ? 1 << 14 : 1 - (1 << 14);
        return unchecked((short)((ab + nudge) / (1 << 15)));
    }

    /// <summary>
    /// gemmlowp RoundingDivideByPOT instantiated for int16, 0 &lt;= exponent &lt;= 31: every intermediate (mask, remainder,
    /// threshold, sum) is truncated to int16 as gemmlowp's int16 lanes are, which for exponents of 16 and more gives
    /// gemmlowp's (odd) results rather than a true rounding division.
    /// </summary>
    public static short RoundingDivideByPot(short x, int exponent)
    {
        var mask = unchecked((short)((1L << exponent) - 1));
        var remainder = (short)(x & mask);
        var threshold = unchecked((short)((short)(mask >> 1) + (x < 0 ? 1 : 0)));
        return unchecked((short)((short)(x >> exponent) + (remainder > threshold ? 1 : 0)));
    }

    /// <summary>gemmlowp's FixedPoint product: SaturatingRoundingDoublingHighMul of the raw values.</summary>
    private static int Mul(int a, int b) => FixedPointMath.SaturatingRoundingDoublingHighMul(a, b);

    /// <summary>
    /// The shared core of the two reciprocal functions: given d = (1 + a) / 2 in Q0.31, returns 1 / d in Q2.29 after
    /// three Newton-Raphson iterations x += x * (1 - d * x) from x0 = 48/17 - 32/17 * d.
    /// </summary>
    private static int NewtonRaphsonReciprocalOfHalfDenominator(int halfDenominator)
    {
        const int oneQ2 = 1 << 29;
        var x = unchecked(FortyEightOverSeventeen + Mul(halfDenominator, MinusThirtyTwoOverSeventeen));
        for (var i = 0; i < 3; i++)
        {
            var halfDenominatorTimesX = Mul(halfDenominator, x);
            var oneMinusHalfDenominatorTimesX = unchecked(oneQ2 - halfDenominatorTimesX);
            // x * (1 - d x) is Q4.27 (2 + 2 integer bits); Rescale<2> brings it back to Q2.29.
            x = unchecked(x + Rescale(Mul(x, oneMinusHalfDenominatorTimesX), 4, 2));
        }
        return x;
    }
}
