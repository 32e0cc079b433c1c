namespace MicroGen.Reference.FixedPoint;

/// <summary>
/// TFLite's int16 -> int16 lookup tables with linear interpolation (common.h LUTPopulateInt16&lt;float&gt; and
/// LUTLookup): 512 segments over the int16 input range plus one entry for the slope of the last segment.
/// Population is Prepare-time float arithmetic in TFLite's operation order (single precision, no fused multiply-add);
/// lookup is integer only.
/// </summary>
public static class Int16LookupTable
{
    /// <summary>Entries of a table: 512 segment starts and the value at the top of the range.</summary>
    public const int Size = 513;

    private const int Steps = 512;

    /// <summary>
    /// Fills a table for <paramref name="transform"/> mapping real inputs (input_scale * (q - input_zero_point)) to real
    /// outputs quantized at output_scale / output_zero_point. Each entry is the rounded sample corrected by half the
    /// error that linear interpolation would make at the segment's midpoint.
    /// The transforms TFLite uses call std::exp (expf); MathF.Exp uses the platform libm, whose last-ulp rounding may
    /// differ from another libm's on rare arguments.
    /// </summary>
    public static short[] Populate(Func<float, float> transform, float inputScale, int inputZeroPoint,
        float outputScale, int outputZeroPoint)
    {
        var inputMin = inputScale * (short.MinValue - inputZeroPoint);
        var inputMax = inputScale * (short.MaxValue - inputZeroPoint);
        var outputMin = outputScale * (short.MinValue - outputZeroPoint);
        var outputMax = outputScale * (short.MaxValue - outputZeroPoint);
        var step = (inputMax - inputMin) / Steps;
        var halfStep = step / 2;
        var outputScalingInverse = (float)(short.MaxValue - short.MinValue + 1) / (outputMax - outputMin);
        const float tableMin = short.MinValue;
        const float tableMax = short.MaxValue;

        var table = new short[Size];
        for (var i = 0; i < Steps; i++)
        {
            var sampleInput = inputMin + i * step;
            var value = transform(sampleInput);
            var valueAtMidpoint = transform(sampleInput + halfStep);
            var valueAtNext = transform(inputMin + (i + 1) * step);

            var sample = Round(value * outputScalingInverse);
            var midpointInterpolated = Round((valueAtNext * outputScalingInverse + Round(value * outputScalingInverse)) / 2);
            var midpoint = Round(valueAtMidpoint * outputScalingInverse);
            var midpointError = midpointInterpolated - midpoint;
            var bias = Round(midpointError / 2);
            table[i] = (short)Math.Min(Math.Max(sample - bias, tableMin), tableMax);
        }
        table[Steps] = (short)Math.Min(Math.Max(Round(transform(inputMax) * outputScalingInverse), tableMin), tableMax);
        return table;
    }

    /// <summary>
    /// LUTLookup: the top 9 bits of the input select a segment, the low 7 bits interpolate to the next entry.
    /// The slope is held in an int16 as TFLite holds it (a difference beyond the int16 range wraps there too).
    /// </summary>
    public static short Lookup(short value, ReadOnlySpan<short> table)
    {
        var index = 256 + (value >> 7);
        var offset = value & 0x7F;
        var start = table[index];
        var slope = unchecked((short)(table[index + 1] - table[index]));
        var delta = (slope * offset + 64) >> 7;
        return unchecked((short)(start + delta));
    }

    /// <summary>TfLiteRound for float: round half away from zero (std::round).</summary>
    private static float Round(float value) => MathF.Round(value, MidpointRounding.AwayFromZero);
}
