namespace MicroGen.Ops.Fast;

/// <summary>
/// Filters arranged at generation time in the order the optimised kernels read them (mg_fast.h), negated per channel
/// where <see cref="FastChannels.NegateFilter"/> says so, zero beyond the real taps.
/// </summary>
public static class FastFilters
{
    /// <summary>A reduction length rounded up to whole groups of 4.</summary>
    public static int Depth4(int taps) => (taps + 3) / 4 * 4;

    /// <summary>
    /// CONV_2D: filter [channels][taps] as channel pairs, per group of 4 taps the 4 weights of the first channel then the 4
    /// of the second; an odd last channel alone, 4 weights per group.
    /// </summary>
    public static sbyte[] ChannelPairs(ReadOnlySpan<sbyte> filter, int channels, int taps, bool[] negate)
    {
        var depth = Depth4(taps);
        var result = new sbyte[channels * depth];
        var o = 0;
        var c = 0;
        for (; c + 2 <= channels; c += 2)
        {
            for (var g = 0; g < depth; g += 4)
            {
                for (var j = 0; j < 2; j++)
                {
                    for (var i = 0; i < 4; i++)
                    {
                        result[o++] = Tap(filter, c + j, taps, g + i, negate);
                    }
                }
            }
        }
        if (c < channels)
        {
            for (var g = 0; g < depth; g++)
            {
                result[o++] = Tap(filter, c, taps, g, negate);
            }
        }
        return result;
    }

    /// <summary>
    /// CONV_2D on DSP cores, pre-widened (mg_conv2d_s8_pw_dsp16, mg_conv2d_s8_dsp16): per channel pair and group of 4 taps w0..w3
    /// the int16 pairs (w0, w2), (w1, w3) of the first channel then of the second; an odd last channel alone. Returned as
    /// the little-endian bytes of the int16 values (the kernel reads words).
    /// </summary>
    public static sbyte[] ChannelPairsWidened(ReadOnlySpan<sbyte> filter, int channels, int taps, bool[] negate)
    {
        var depth = Depth4(taps);
        var values = new short[channels * depth];
        var o = 0;
        var c = 0;
        for (; c + 2 <= channels; c += 2)
        {
            for (var g = 0; g < depth; g += 4)
            {
                for (var j = 0; j < 2; j++)
                {
                    foreach (var i in (ReadOnlySpan<int>)[0, 2, 1, 3])
                    {
                        values[o++] = Tap(filter, c + j, taps, g + i, negate);
                    }
                }
            }
        }
        if (c < channels)
        {
            for (var g = 0; g < depth; g += 4)
            {
                foreach (var i in (ReadOnlySpan<int>)[0, 2, 1, 3])
                {
                    values[o++] = Tap(filter, c, taps, g + i, negate);
                }
            }
        }
        var bytes = new sbyte[values.Length * 2];
        for (var k = 0; k < values.Length; k++)
        {
            bytes[2 * k] = unchecked((sbyte)(values[k] & 0xFF));
            bytes[2 * k + 1] = unchecked((sbyte)(values[k] >> 8));
        }
        return bytes;
    }

    /// <summary>
    /// FULLY_CONNECTED: filter [units][taps] as unit quads, per group of 4 taps the 4 weights of each unit in turn; then the
    /// remaining units one by one, 4 weights per group.
    /// </summary>
    public static sbyte[] UnitQuads(ReadOnlySpan<sbyte> filter, int units, int taps, bool[] negate)
    {
        var depth = Depth4(taps);
        var result = new sbyte[units * depth];
        var o = 0;
        var u = 0;
        for (; u + 4 <= units; u += 4)
        {
            for (var g = 0; g < depth; g += 4)
            {
                for (var j = 0; j < 4; j++)
                {
                    for (var i = 0; i < 4; i++)
                    {
                        result[o++] = Tap(filter, u + j, taps, g + i, negate);
                    }
                }
            }
        }
        for (; u < units; u++)
        {
            for (var g = 0; g < depth; g++)
            {
                result[o++] = Tap(filter, u, taps, g, negate);
            }
        }
        return result;
    }

    /// <summary>
    /// DEPTHWISE_CONV_2D pixel by pixel (mg_depthwise_conv2d_s8_pixel): filter [taps][channels] (TFLite's [1][k_h][k_w][c])
    /// as groups of 4 channels, per tap the 4 channels' weights, zero beyond the last channel.
    /// </summary>
    public static sbyte[] ChannelQuads(ReadOnlySpan<sbyte> filter, int channels, int taps, bool[] negate)
    {
        var groups = Depth4(channels) / 4;
        var result = new sbyte[groups * taps * 4];
        var o = 0;
        for (var g = 0; g < groups; g++)
        {
            for (var t = 0; t < taps; t++)
            {
                for (var j = 0; j < 4; j++, o++)
                {
                    var c = 4 * g + j;
                    result[o] = c >= channels ? (sbyte)0 : negate[c] ? (sbyte)-filter[t * channels + c] : filter[t * channels + c];
                }
            }
        }
        return result;
    }

    /// <summary>Each weight w as the unsigned byte w + 128 (its bits XOR 0x80), for kernels that multiply unsigned bytes.</summary>
    public static sbyte[] Unsigned(sbyte[] arranged) => arranged.Select(w => unchecked((sbyte)(w ^ 0x80))).ToArray();

    private static sbyte Tap(ReadOnlySpan<sbyte> filter, int channel, int taps, int t, bool[] negate)
    {
        if (t >= taps)
        {
            return 0;
        }
        var w = filter[channel * taps + t];
        return negate[channel] ? (sbyte)-w : w;
    }
}
