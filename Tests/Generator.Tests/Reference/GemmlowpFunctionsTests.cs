using MicroGen.Reference.FixedPoint;

namespace MicroGen.Tests.Reference;

/// <summary>
/// gemmlowp fixed-point functions. Expected values are worked from gemmlowp's definitions (fixedpoint.h): the simple
/// ones by hand as shown, the polynomial/Newton-Raphson ones by running gemmlowp's own fixedpoint.h (the header TFLM
/// builds against) on the same raw inputs.
/// </summary>
public class GemmlowpFunctionsTests
{
    private const int OneQuarterQ5 = 1 << 24; // 0.25 in Q5.26
    private const int OneQ5 = 1 << 26;
    private const int OneQ4 = 1 << 27;

    [TestCase(0u, 32)]
    [TestCase(1u, 31)]
    [TestCase(0x0001_0000u, 15)]
    [TestCase(0x8000_0000u, 0)]
    public void CountLeadingZeros(uint value, int expected) =>
        Assert.That(GemmlowpFunctions.CountLeadingZeros(value), Is.EqualTo(expected));

    // (a + b + sign) / 2 truncated: (3 + 4 + 1) / 2 = 4, (-3 - 4 - 1) / 2 = -4, (2^32 - 2 + 1) / 2 = 2^31 - 1,
    // (-2^32 - 1) / 2 = -2^31 (the int64 sum cannot overflow).
    [TestCase(3, 4, 4)]
    [TestCase(-3, -4, -4)]
    [TestCase(int.MaxValue, int.MaxValue, int.MaxValue)]
    [TestCase(int.MinValue, int.MinValue, int.MinValue)]
    public void RoundingHalfSum(int a, int b, int expected) =>
        Assert.That(GemmlowpFunctions.RoundingHalfSum(a, b), Is.EqualTo(expected));

    // Exponent 1: the threshold is 2^30 - 1, so 2^30 saturates up, -2^30 saturates down, -2^30 + 1 doubles exactly.
    // Exponent -1: 2.5 rounds to 3, -2.5 to -3 (ties away from zero).
    [TestCase(1 << 29, 1, 1 << 30)]
    [TestCase(1 << 30, 1, int.MaxValue)]
    [TestCase(-(1 << 30), 1, int.MinValue)]
    [TestCase(-(1 << 30) + 1, 1, int.MinValue + 2)]
    [TestCase(5, -1, 3)]
    [TestCase(-5, -1, -3)]
    [TestCase(12345, 0, 12345)]
    public void SaturatingRoundingMultiplyByPot(int x, int exponent, int expected) =>
        Assert.That(GemmlowpFunctions.SaturatingRoundingMultiplyByPot(x, exponent), Is.EqualTo(expected));

    [Test]
    public void RescaleFromQ0ToQ12DividesBy4096WithRounding()
    {
        // One (2^31 - 1 in Q0.31) is 2^19 - 2^-12 in Q12.19 raw units, which rounds to 2^19.
        Assert.That(GemmlowpFunctions.Rescale(int.MaxValue, 0, 12), Is.EqualTo(1 << 19));
    }

    [Test]
    public void ExpAtMinusOneEighthIsTheExpansionCentre()
    {
        // a = -1/8 in Q0.31 = -2^28. a & (2^29 - 1) = 2^28, minus 1/4 gives -2^28 again, so the Taylor variable
        // x = a + 1/8 is 0 and every power of x vanishes: the result is the constant exp(-1/8) = 1895147668.
        // The remainder a_mod_quarter_minus_quarter - a is 0: no barrel-shifter factor applies.
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-(1 << 28), 0), Is.EqualTo(1895147668));
    }

    [Test]
    public void ExpOfMinusOneQuarterIsThePolynomialAtMinusOneQuarter()
    {
        // In Q5.26, -1/4 = -2^24 has no bits below the quarter, so a_mod_quarter_minus_quarter = -1/4, the remainder
        // is 0, and the result is the polynomial itself at -2^29 (Q0.31): gemmlowp gives 1672462419
        // (exp(-1/4) * 2^31 = 1672461946.7).
        Assert.That(GemmlowpFunctions.ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(-(1 << 29)), Is.EqualTo(1672462419));
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-OneQuarterQ5, 5), Is.EqualTo(1672462419));
    }

    [Test]
    public void ExpOfMinusOneAppliesTheBarrelShifter()
    {
        // -1 = -4 quarters: the polynomial covers the last quarter, the remainder 3/4 (bits for 1/4 and 1/2) multiplies
        // by exp(-1/4) and exp(-1/2): gemmlowp gives 790015308 (exp(-1) * 2^31 = 790015084.4).
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-OneQ5, 5), Is.EqualTo(790015308));
        // -2.5 = -10 quarters: polynomial at -1/4, remainder 9 quarters (bits 1/4 and 2) multiplies by exp(-1/4) and
        // exp(-2): gemmlowp gives 176276242 (exp(-2.5) * 2^31 = 176276192.3).
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-(5 << 25), 5), Is.EqualTo(176276242));
        // -1/2 in Q0.31: polynomial at -1/4 times exp(-1/4): gemmlowp gives 1302515042 (exp(-1/2) * 2^31 = 1302514673.7).
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-(1 << 30), 0), Is.EqualTo(1302515042));
    }

    [Test]
    public void ExpEdgeCases()
    {
        // exp(0) is One = 2^31 - 1; the smallest Q5 step below 0 gives 2147483124.
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(0, 5), Is.EqualTo(int.MaxValue));
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-1, 5), Is.EqualTo(2147483124));
        // The most negative Q5 value (-32) underflows to 0 through the exp(-16) factor.
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(int.MinValue, 5), Is.EqualTo(0));
        // With 6 integer bits, inputs below -32 are clamped to 0 explicitly; -10 gives 97496 (exp(-10) * 2^31 = 97495.6).
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-33 * (1 << 25), 6), Is.EqualTo(0));
        Assert.That(GemmlowpFunctions.ExpOnNegativeValues(-10 * (1 << 25), 6), Is.EqualTo(97496));
    }

    [Test]
    public void OneOverOnePlusX()
    {
        // 1 / (1 + 0) saturates at One; 1 / 1.5 = 2/3 gives 1431655762 (2^31 * 2/3 = 1431655765.3);
        // 1 / (1 + (1 - 2^-31)) gives 1073741820 (about 1/2).
        Assert.That(GemmlowpFunctions.OneOverOnePlusXForXIn01(0), Is.EqualTo(int.MaxValue));
        Assert.That(GemmlowpFunctions.OneOverOnePlusXForXIn01(1 << 30), Is.EqualTo(1431655762));
        Assert.That(GemmlowpFunctions.OneOverOnePlusXForXIn01(int.MaxValue), Is.EqualTo(1073741820));
        // (1 - 1/2) / (1 + 1/2) = 1/3 gives 715827876 (2^31 / 3 = 715827882.7).
        Assert.That(GemmlowpFunctions.OneMinusXOverOnePlusXForXIn01(1 << 30), Is.EqualTo(715827876));
    }

    [Test]
    public void LogisticValues()
    {
        // logistic(0) is exactly 1/2; logistic(-x) = One - logistic(x).
        Assert.That(GemmlowpFunctions.Logistic(0, 4), Is.EqualTo(1 << 30));
        Assert.That(GemmlowpFunctions.Logistic(OneQ4, 4), Is.EqualTo(1569936226)); // logistic(1) * 2^31 = 1569936343.3
        Assert.That(GemmlowpFunctions.Logistic(-OneQ4, 4), Is.EqualTo(int.MaxValue - 1569936226));
        Assert.That(GemmlowpFunctions.Logistic(int.MaxValue, 4), Is.EqualTo(2147483406));
        // int.MinValue negates to itself: the result is One - logistic(16 - 2^-27) = 241.
        Assert.That(GemmlowpFunctions.Logistic(int.MinValue, 4), Is.EqualTo(241));
    }

    [Test]
    public void TanhValues()
    {
        Assert.That(GemmlowpFunctions.Tanh(0, 4), Is.EqualTo(0));
        Assert.That(GemmlowpFunctions.Tanh(OneQ4, 4), Is.EqualTo(1635510876)); // tanh(1) * 2^31 = 1635510996.3
        Assert.That(GemmlowpFunctions.Tanh(-OneQ4, 4), Is.EqualTo(-1635510876));
        Assert.That(GemmlowpFunctions.Tanh(OneQ4 / 2, 4), Is.EqualTo(992388804)); // tanh(0.5) * 2^31 = 992389038.7
        Assert.That(GemmlowpFunctions.Tanh(int.MaxValue, 4), Is.EqualTo(int.MaxValue));
        Assert.That(GemmlowpFunctions.Tanh(int.MinValue, 4), Is.EqualTo(-int.MaxValue));
    }

    [Test]
    public void GetReciprocalOfOne()
    {
        // 1.0 in Q12.19 is 2^19: 12 leading zeros, so numBitsOverUnit = 12 - 12 = 0 and the shifted value minus one
        // is 0, whose 1 / (1 + 0) saturates at One.
        Assert.That(GemmlowpFunctions.GetReciprocal(1 << 19, 12, out var bits), Is.EqualTo(int.MaxValue));
        Assert.That(bits, Is.EqualTo(0));
        // 3.0 = 3 * 2^19: 11 leading zeros, numBitsOverUnit 1, shifted 3 * 2^30 - 2^31 = 2^30 (x = 1/2): 1 / 1.5.
        Assert.That(GemmlowpFunctions.GetReciprocal(3 << 19, 12, out bits), Is.EqualTo(1431655762));
        Assert.That(bits, Is.EqualTo(1));
    }

    // int16 SaturatingRoundingDoublingHighMul: -1 * -1 saturates; 0.5 * 0.5 = (2^28 + 2^14) / 2^15 truncated = 8192;
    // -16384 * 3 = -49152, plus the negative nudge 1 - 2^14, / 2^15 truncated toward zero = -1.
    [TestCase(short.MinValue, short.MinValue, short.MaxValue)]
    [TestCase((short)16384, (short)16384, (short)8192)]
    [TestCase((short)-16384, (short)3, (short)-1)]
    public void SaturatingRoundingDoublingHighMulInt16(short a, short b, short expected) =>
        Assert.That(GemmlowpFunctions.SaturatingRoundingDoublingHighMul(a, b), Is.EqualTo(expected));

    // int16 RoundingDivideByPOT: ordinary rounding below 16; from 16 on, the int16 mask (2^16 - 1) truncates to -1 and
    // gemmlowp's int16 instantiation returns 1 for non-negative inputs (0 > -1 adds one), -1 for negative ones.
    [TestCase((short)5, 1, (short)3)]
    [TestCase((short)-5, 1, (short)-3)]
    [TestCase(short.MinValue, 15, (short)-1)]
    [TestCase(short.MaxValue, 15, (short)1)]
    [TestCase((short)0, 16, (short)1)]
    [TestCase((short)100, 16, (short)1)]
    [TestCase((short)-1, 16, (short)-1)]
    public void RoundingDivideByPotInt16(short x, int exponent, short expected) =>
        Assert.That(GemmlowpFunctions.RoundingDivideByPot(x, exponent), Is.EqualTo(expected));
}
