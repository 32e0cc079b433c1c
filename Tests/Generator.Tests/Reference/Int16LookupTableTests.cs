using MicroGen.Reference.FixedPoint;

namespace MicroGen.Tests.Reference;

/// <summary>TFLite's int16 interpolated lookup tables (LUTPopulateInt16 / LUTLookup), checked by hand.</summary>
public class Int16LookupTableTests
{
    /// <summary>A table with entry k = 100 k - 25600 (so entry 256, the segment of input 0, is 0).</summary>
    private static short[] LinearTable() => Enumerable.Range(0, Int16LookupTable.Size).Select(k => (short)(100 * k - 25600)).ToArray();

    // Input v selects entry 256 + (v >> 7) and interpolates with (slope * (v & 127) + 64) >> 7, slope 100:
    // v = 0 -> 0; v = 64 -> (6400 + 64) >> 7 = 50; v = -1 -> entry 255 (-100), offset 127: -100 + (12700 + 64) >> 7 = -1;
    // v = 32767 -> entry 511 (25500), offset 127: 25500 + 99 = 25599; v = -32768 -> entry 0 (-25600), offset 0.
    [TestCase((short)0, (short)0)]
    [TestCase((short)64, (short)50)]
    [TestCase((short)-1, (short)-1)]
    [TestCase(short.MaxValue, (short)25599)]
    [TestCase(short.MinValue, (short)-25600)]
    public void LookupInterpolatesWithinASegment(short value, short expected) =>
        Assert.That(Int16LookupTable.Lookup(value, LinearTable()), Is.EqualTo(expected));

    [Test]
    public void SlopeIsHeldInInt16()
    {
        // Entries -30000 and 30000: the difference 60000 wraps to -5536 in int16, so half-way (offset 64) gives
        // -30000 + (-5536 * 64 + 64) >> 7 = -30000 - 2768 = -32768 (TFLite's int16 slope wraps the same way).
        var table = new short[Int16LookupTable.Size];
        table[256] = -30000;
        table[257] = 30000;
        Assert.That(Int16LookupTable.Lookup(64, table), Is.EqualTo((short)-32768));
    }

    [Test]
    public void ReciprocalTableEndPoints()
    {
        // Softmax's 1/(1+x) table: inputs q at scale 1/65535 with zero point -32768 span [0, 1]; outputs at scale
        // 2/65535 make the scaling inverse 65536 / 2 = 32768 (within float rounding).
        // Entry 0: 1/(1+0) * 32768 = 32768; the next sample 1/(1 + 1/512) * 32768 = 32704.06 and the midpoint
        // 1/(1 + 1/1024) * 32768 = 32736.03 agree with the interpolation (32768 + 32704.06) / 2 -> 32736, so no bias
        // correction; 32768 is clamped to 32767. Entry 512: 1/(1+1) * 32768 = 16384.
        const float range = 65535;
        var table = Int16LookupTable.Populate(x => 1.0f / (1.0f + x), 1.0f / range, short.MinValue, 2.0f / range, 0);
        Assert.That(table[0], Is.EqualTo((short)32767));
        Assert.That(table[512], Is.EqualTo((short)16384));
    }

    [Test]
    public void ExpTableFollowsTheFunctionWithinTheBiasCorrection()
    {
        // Softmax's exp table over [-10, 0]: entry 512 is exp(0) * 32768 clamped to 32767, and every entry is the
        // rounded sample minus a bias of at most one step (half the rounded midpoint error).
        const float range = 65535;
        var inputScale = 10.0f / range;
        var table = Int16LookupTable.Populate(MathF.Exp, inputScale, short.MaxValue, 2.0f / range, 0);
        Assert.That(table[512], Is.EqualTo((short)32767));
        for (var i = 0; i < 512; i++)
        {
            var x = -10.0 + i * 10.0 / 512;
            Assert.That((double)table[i], Is.EqualTo(Math.Exp(x) * 32768).Within(1.6), $"entry {i}");
        }
    }
}
