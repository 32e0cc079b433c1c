namespace MicroGen.Reference.FixedPoint;

/// <summary>
/// A real multiplier as TFLite represents it: a Q31 significand in [2^30, 2^31) (or 0) and a power-of-two
/// exponent, so that real ≈ Multiplier * 2^(Shift - 31). Positive Shift is a left shift.
/// </summary>
public readonly record struct QuantizedMultiplier(int Multiplier, int Shift)
{
    /// <summary>
    /// TFLite's QuantizeMultiplier: frexp, round half away from zero to 31 bits, a significand that rounds up
    /// to 2^31 is halved with the exponent incremented, and exponents below -31 flush to zero.
    /// </summary>
    public static QuantizedMultiplier FromDouble(double real)
    {
        if (real == 0.0)
        {
            return new QuantizedMultiplier(0, 0);
        }
        var (significand, exponent) = FrExp(real);
        var fixedPoint = (long)Math.Round(significand * (1L << 31), MidpointRounding.AwayFromZero);
        if (fixedPoint == 1L << 31)
        {
            fixedPoint /= 2;
            exponent++;
        }
        if (exponent < -31)
        {
            return new QuantizedMultiplier(0, 0);
        }
        return new QuantizedMultiplier((int)fixedPoint, exponent);
    }

    /// <summary>C's frexp: real = significand * 2^exponent with |significand| in [0.5, 1).</summary>
    public static (double Significand, int Exponent) FrExp(double real)
    {
        if (real == 0.0 || double.IsNaN(real) || double.IsInfinity(real))
        {
            return (real, 0);
        }
        var exponent = Math.ILogB(real) + 1;
        var significand = Math.ScaleB(real, -exponent);
        // Subnormal inputs: ILogB already gives the true exponent, so the significand is in range.
        return (significand, exponent);
    }
}
