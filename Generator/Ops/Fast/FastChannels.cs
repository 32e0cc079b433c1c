using MicroGen.Reference.FixedPoint;

namespace MicroGen.Ops.Fast;

/// <summary>
/// The per-output-channel records of the optimised kernels (mg_channel: bias, multiplier, offset, shift; four int32 each)
/// and the requantization variant they allow. The bias has the input offset folded in (bias + input_offset * sum of the
/// channel's filter, exact modulo 2^32 like the int32 accumulation). The fast requantization (see mg_fast.h) is used
/// only when it is bit-exact for every accumulator the channel can produce: |acc| &lt; 2^30, no overflow in
/// x = DoublingHighMul(acc, M) + K, right shift e &gt;= 1 (channels whose output cannot leave the zero point become
/// multiplier 0, e = 1), multipliers made non-negative by negating the channel (its filter: <see cref="NegateFilter"/>
/// when the filter is arranged at generation time, by the kernel otherwise). Otherwise the layer uses the exact
/// variant: TFLite's multiplier and shift, the output zero point as offset.
/// </summary>
public sealed record FastChannels(FastRequantization Mode, int[] Records, bool[] NegateFilter)
{
    /// <summary>The kernel function's suffix for this variant ("", "_clamp", "_exact").</summary>
    public string Suffix => Mode switch
    {
        FastRequantization.Full => "",
        FastRequantization.Clamp => "_clamp",
        _ => "_exact",
    };

    /// <param name="sums">Per channel: the sum of its filter values and the sum of their magnitudes.</param>
    /// <param name="hasMinus128">Per channel: whether a filter value is -128 (cannot be negated in int8).</param>
    /// <param name="kernelNegates">The kernel negates channels with a negative multiplier itself (their bias is negated here in both variants).</param>
    public static FastChannels? Build(IReadOnlyList<(long Sum, long SumAbs)> sums, IReadOnlyList<bool> hasMinus128, ReadOnlySpan<int> bias,
        int inputOffset, int outputZeroPoint, int[] multipliers, int[] shifts, int actMin, int actMax, bool kernelNegates)
    {
        var channels = sums.Count;
        if (kernelNegates && multipliers.Contains(int.MinValue))
        {
            return null;
        }
        var maxInput = (long)Math.Max(Math.Abs(-128 + inputOffset), Math.Abs(127 + inputOffset));
        var fast = new int[channels * 4];
        var negate = new bool[channels];
        var exact = new int[channels * 4];
        var fastOk = true;
        for (var c = 0; c < channels; c++)
        {
            var b = bias.IsEmpty ? 0L : bias[c];
            var folded = unchecked((int)(b + inputOffset * sums[c].Sum));
            var m = multipliers[c];
            var bound = Math.Abs(b) + sums[c].SumAbs * maxInput;
            var flip = m < 0;
            exact[c * 4] = kernelNegates && flip ? unchecked(-folded) : folded;
            exact[c * 4 + 1] = m;
            exact[c * 4 + 2] = outputZeroPoint;
            exact[c * 4 + 3] = shifts[c];
            if (!fastOk)
            {
                continue;
            }
            if (m == int.MinValue || (flip && !kernelNegates && hasMinus128[c]) || bound >= int.MaxValue)
            {
                fastOk = false;
                continue;
            }
            var magnitude = Math.Abs(m);
            var e = -shifts[c];
            if (sums[c].SumAbs == 0)
            {
                // An all-zero filter: the accumulator is the bias, the output a constant v, written as (1 + 2v + b) >> 1.
                var v = Math.Clamp(FixedPointMath.MultiplyByQuantizedMultiplier(unchecked((int)b), m, shifts[c]) + (long)outputZeroPoint, -256, 256);
                fast[c * 4] = folded;
                fast[c * 4 + 1] = 0;
                fast[c * 4 + 2] = (int)(1 + 2 * v);
                fast[c * 4 + 3] = 1;
                continue;
            }
            // |DoublingHighMul(acc, M)| <= xMax for every accumulator the channel can produce (no int32 wrap: bound < 2^31).
            var xMax = (long)((((Int128)bound * magnitude) + (1L << 30)) >> 31) + 1;
            if (magnitude == 0 || (e >= 1 && xMax < 1L << (e - 1)))
            {
                // x / 2^e rounds to 0 for every possible accumulator: the output is the zero point.
                magnitude = 0;
                e = 1;
                xMax = 0;
            }
            else if (e < 1 || bound >= 1L << 30)
            {
                fastOk = false;
                continue;
            }
            var k = (1L << (e - 1)) + outputZeroPoint * (1L << e);
            if (Math.Abs(k) + xMax + 2 >= 1L << 31)
            {
                fastOk = false;
                continue;
            }
            fast[c * 4] = flip ? unchecked(-folded) : folded;
            fast[c * 4 + 1] = kernelNegates && flip ? -magnitude : magnitude;
            fast[c * 4 + 2] = (int)k;
            fast[c * 4 + 3] = e;
            negate[c] = flip && !kernelNegates;
        }
        if (!fastOk)
        {
            return new FastChannels(FastRequantization.Exact, exact, new bool[channels]);
        }
        return new FastChannels(actMin == sbyte.MinValue && actMax == sbyte.MaxValue ? FastRequantization.Full : FastRequantization.Clamp,
            fast, negate);
    }

    /// <summary>Sums per channel of a filter whose value (channel c, tap t) is filter[Index(c, t)].</summary>
    public static (List<(long Sum, long SumAbs)> Sums, List<bool> HasMinus128) Sums(ReadOnlySpan<sbyte> filter, int channels, int taps,
        Func<int, int, int> index)
    {
        var sums = new List<(long, long)>(channels);
        var minus = new List<bool>(channels);
        for (var c = 0; c < channels; c++)
        {
            long sum = 0, abs = 0;
            var min = false;
            for (var t = 0; t < taps; t++)
            {
                var w = filter[index(c, t)];
                sum += w;
                abs += Math.Abs((int)w);
                min |= w == sbyte.MinValue;
            }
            sums.Add((sum, abs));
            minus.Add(min);
        }
        return (sums, minus);
    }
}
