using System.Numerics;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Tests.Reference;

public class FixedPointTests
{
    [TestCase(1.0, 1 << 30, 1)]
    [TestCase(0.5, 1 << 30, 0)]
    [TestCase(0.25, 1 << 30, -1)]
    [TestCase(-0.75, -(3 << 29), 0)]
    // 1 - 2^-40 rounds up to 2^31 in Q31: halved, exponent incremented.
    [TestCase(0.99999999999909051, 1 << 30, 1)]
    // Very large and very small shifts.
    [TestCase(3.0e9, 1500000000, 32)]
    [TestCase(1.0e-9, 1152921505, -29)]
    // Below 2^-32 the exponent is under -31: flushed to zero.
    [TestCase(1.0e-10, 0, 0)]
    [TestCase(0.0, 0, 0)]
    public void QuantizeMultiplierMatchesHandComputation(double real, int multiplier, int shift)
    {
        // Hand values: 3e9 = 0.6984919309616089 * 2^32 -> 0.69849193 * 2^31 = 1.5e9 exactly;
        // 1e-9 = 0.5368709120000001 * 2^-29 -> round(0.536870912 * 2^31) = 1152921505.
        Assert.That(QuantizedMultiplier.FromDouble(real), Is.EqualTo(new QuantizedMultiplier(multiplier, shift)));
    }

    [Test]
    public void SaturatingRoundingDoublingHighMulMatchesExactArithmetic()
    {
        var random = new Random(1);
        for (var i = 0; i < 20000; i++)
        {
            var a = random.Next(int.MinValue, int.MaxValue);
            // Every fourth case is an exact tie: b = 2^30 makes a*b/2^31 = a/2, a tie whenever a is odd.
            var b = i % 4 == 0 ? 1 << 30 : random.Next(int.MinValue, int.MaxValue);
            // Independent: floor(a*b / 2^31 + 1/2) with exact big-integer arithmetic (round half toward +infinity).
            var numerator = (BigInteger)a * b + (BigInteger.One << 30);
            var expected = (int)FloorDivide(numerator, BigInteger.One << 31);
            Assert.That(FixedPointMath.SaturatingRoundingDoublingHighMul(a, b), Is.EqualTo(expected), $"{a} * {b}");
        }
        Assert.That(FixedPointMath.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue), Is.EqualTo(int.MaxValue));
    }

    private static BigInteger FloorDivide(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(n, d, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    [TestCase(5, 1, 3)]     // 2.5 -> 3
    [TestCase(-5, 1, -3)]   // -2.5 -> -3 (ties away from zero)
    [TestCase(-7, 2, -2)]   // -1.75 -> -2
    [TestCase(6, 2, 2)]     // 1.5 -> 2
    [TestCase(-6, 2, -2)]   // -1.5 -> -2
    [TestCase(int.MinValue, 31, -1)]
    [TestCase(int.MaxValue, 31, 1)]
    [TestCase(123, 0, 123)]
    public void RoundingDivideByPowerOfTwo(int x, int exponent, int expected) =>
        Assert.That(FixedPointMath.RoundingDivideByPot(x, exponent), Is.EqualTo(expected));

    [Test]
    public void MultiplyByQuantizedMultiplierDoubleRounds()
    {
        // Multiplier 0.75 * 2^-2 = 0.1875 as (3<<29, -2): x = 10 -> SRDHM(10, 0.75) = round(7.5) = 8, then 8/4 = 2.
        // A single rounding would give round(1.875) = 2 as well; x = 6: SRDHM = round(4.5) = 5, 5/4 = 1.25 -> 1,
        // while single rounding gives round(1.125) = 1. x = 14: round(10.5) = 11, 11/4 = 2.75 -> 3 (single: 2.625 -> 3).
        // x = 2: SRDHM = round(1.5) = 2, 2/4 = 0.5 -> 1, single rounding gives round(0.375) = 0: the double rounding shows.
        Assert.That(FixedPointMath.MultiplyByQuantizedMultiplier(2, 3 << 29, -2), Is.EqualTo(1));
        Assert.That(FixedPointMath.MultiplyByQuantizedMultiplier(6, 3 << 29, -2), Is.EqualTo(1));
        // x = -2: SRDHM(-2, 0.75) = -1.5 rounds half up to -1, then -1/4 = -0.25 -> 0.
        Assert.That(FixedPointMath.MultiplyByQuantizedMultiplier(-2, 3 << 29, -2), Is.EqualTo(0));
        // x = -6: SRDHM = -4.5 -> -4, then -4/4 = -1.
        Assert.That(FixedPointMath.MultiplyByQuantizedMultiplier(-6, 3 << 29, -2), Is.EqualTo(-1));
        // A left shift: x * 2^3 before the high multiply: 5 * 8 * 0.75 = 30.
        Assert.That(FixedPointMath.MultiplyByQuantizedMultiplier(5, 3 << 29, 3), Is.EqualTo(30));
    }
}
