using MicroGen.Reference.Kernels;

namespace MicroGen.Tests.Reference;

/// <summary>
/// FloatExp, the expf of the float kernels: glibc's algorithm evaluated without fused multiply-adds. Against the
/// platform's MathF.Exp it may differ by one ulp where a libm fuses or uses another algorithm; never by more.
/// </summary>
public class FloatExpTests
{
    [Test]
    public void SpecialValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FloatExp.Exp(0f), Is.EqualTo(1f));
            Assert.That(FloatExp.Exp(-0f), Is.EqualTo(1f));
            Assert.That(FloatExp.Exp(float.PositiveInfinity), Is.EqualTo(float.PositiveInfinity));
            Assert.That(BitConverter.SingleToUInt32Bits(FloatExp.Exp(float.NegativeInfinity)), Is.EqualTo(0u));
            Assert.That(FloatExp.Exp(89f), Is.EqualTo(float.PositiveInfinity));
            Assert.That(BitConverter.SingleToUInt32Bits(FloatExp.Exp(-104f)), Is.EqualTo(0u));
            Assert.That(BitConverter.SingleToUInt32Bits(FloatExp.Exp(BitConverter.UInt32BitsToSingle(0xFF800001u))), Is.EqualTo(0xFFC00001u));
            Assert.That(FloatExp.Exp(1f), Is.EqualTo(2.71828175f));
            // A case where glibc's FMA build rounds the other way: FloatExp keeps the unfused result.
            Assert.That(BitConverter.SingleToUInt32Bits(FloatExp.Exp(BitConverter.UInt32BitsToSingle(0x4202422Fu))), Is.EqualTo(0x56FC9F1Bu));
        });
    }

    [Test]
    public void WithinOneUlpOfThePlatformExpOnAMillionFloats()
    {
        var differing = 0;
        for (var i = 0u; i < 1u << 20; i++)
        {
            var x = BitConverter.UInt32BitsToSingle(i * 4096u + (i % 4093u));
            var expected = MathF.Exp(x);
            var actual = FloatExp.Exp(x);
            if (float.IsNaN(expected))
            {
                Assert.That(float.IsNaN(actual), Is.True, $"exp({x})");
                continue;
            }
            var distance = Math.Abs((long)BitConverter.SingleToUInt32Bits(expected) - BitConverter.SingleToUInt32Bits(actual));
            Assert.That(distance, Is.LessThanOrEqualTo(1), $"exp({x:R}): {expected:R} vs {actual:R}");
            differing += distance == 0 ? 0 : 1;
        }
        TestContext.Out.WriteLine($"{differing} of 2^20 differ from MathF.Exp by one ulp");
    }
}
