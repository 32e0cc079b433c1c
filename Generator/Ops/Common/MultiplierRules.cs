using MicroGen.Reference.FixedPoint;

namespace MicroGen.Ops.Common;

/// <summary>TFLite's checked multiplier quantizers (quantization_util.cc), which abort where these throw.</summary>
public static class MultiplierRules
{
    /// <summary>
    /// QuantizeMultiplierSmallerThanOneExp: requires 0 &lt; real &lt; 1 and a resulting shift &lt;= 0 (a real just below 1
    /// whose significand rounds up to 2^31 gets shift +1, which TFLite rejects).
    /// </summary>
    public static QuantizedMultiplier SmallerThanOneExp(OpContext ctx, double real, string what)
    {
        if (!(real > 0.0 && real < 1.0))
        {
            throw ctx.Fail($"{what} multiplier {real:G17} must be in (0, 1)");
        }
        var multiplier = QuantizedMultiplier.FromDouble(real);
        if (multiplier.Shift > 0)
        {
            throw ctx.Fail($"{what} multiplier {real:G17} rounds up to 1 (shift {multiplier.Shift})");
        }
        return multiplier;
    }
}
