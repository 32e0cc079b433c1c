using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Tests.Decode;

/// <summary>Properties of the generated decode tables: no undeclared overlap, every line reachable, features enforced.</summary>
public sealed class DecodeTableTests
{
    private const FeatureSet All = FeatureSet.V6M | FeatureSet.V7M | FeatureSet.Dsp | FeatureSet.FpV4 | FeatureSet.FpV5 | FeatureSet.V8M;

    [Test]
    public void PatternsOverlapOnlyInsideDeclaredOrderingGroups()
    {
        var problems = new List<string>();
        EncodingInfo[] encodings = DecodeTable.Encodings;
        for (int i = 0; i < encodings.Length; i++)
        {
            for (int j = i + 1; j < encodings.Length; j++)
            {
                EncodingInfo a = encodings[i], b = encodings[j];
                bool overlap = a.Width == b.Width && ((a.Value ^ b.Value) & a.Mask & b.Mask) == 0;
                if (overlap && (a.Group == 0 || a.Group != b.Group))
                {
                    problems.Add($"{a.Name} ({a.File}:{a.Line}) overlaps {b.Name} ({b.File}:{b.Line}) outside an ordering group");
                }
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void NoEncodingIsShadowedByAnEarlierMemberOfItsGroup()
    {
        var problems = new List<string>();
        EncodingInfo[] encodings = DecodeTable.Encodings;
        for (int i = 0; i < encodings.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                EncodingInfo later = encodings[i], earlier = encodings[j];
                bool covers = earlier.Width == later.Width && (earlier.Mask & ~later.Mask) == 0 && ((earlier.Value ^ later.Value) & earlier.Mask) == 0;
                if (covers)
                {
                    problems.Add($"{later.Name} can never match: {earlier.Name} is listed first and matches all of it");
                }
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void EveryEncodingDecodesToItselfOrToTheEarlierGroupMemberThatMatches()
    {
        var random = new Random(5);
        foreach (EncodingInfo encoding in DecodeTable.Encodings)
        {
            for (int sample = 0; sample < 64; sample++)
            {
                uint free = (uint)random.NextInt64() & ~encoding.Mask & (encoding.Width == 16 ? 0xFFFFu : 0xFFFF_FFFFu);
                uint raw = encoding.Value | free;
                EncodingInfo expected = DecodeTable.Encodings.First(e => e.Width == encoding.Width && (raw & e.Mask) == e.Value);
                var op = default(DecodedOp);
                bool known = encoding.Width == 16 ? DecodeTable.Decode16(raw, All, ref op) : DecodeTable.Decode32(raw, All, ref op);

                Assert.That(known && op.Op == expected.OpCode, Is.True, $"0x{raw:X} should decode as {expected.Name}, got {op.Op}");
            }
        }
    }

    [Test]
    public void ThirtyTwoBitPatternsStartWithAThirtyTwoBitPrefix()
    {
        var bad = DecodeTable.Encodings.Where(e => e.Width == 32 && !DecodeTable.Is32Bit((e.Value >> 16) | 0)).Select(e => e.Name).ToList();
        var badShort = DecodeTable.Encodings.Where(e => e.Width == 16 && DecodeTable.Is32Bit(e.Value)).Select(e => e.Name).ToList();

        Assert.That(bad.Concat(badShort), Is.Empty);
    }

    [TestCase(0xFB90F0F1u, "SDIV r0, r0, r1")]
    [TestCase(0xEB010002u, "ADD.W r0, r1, r2")]
    [TestCase(0xFA91F012u, "SADD16")]
    [TestCase(0xEE300A20u, "VADD.F32")]
    public void CortexM0PlusRejectsThirtyTwoBitEncodingsOtherThanItsSix(uint raw, string what)
    {
        var op = default(DecodedOp);

        Assert.That(DecodeTable.Decode32(raw, FeatureSet.V6M, ref op), Is.False, what);
    }

    [TestCase(0xF000F800u, OpCode.BlT1)]
    [TestCase(0xF3EF8008u, OpCode.MrsT1)]
    [TestCase(0xF3808808u, OpCode.MsrRegT1)]
    [TestCase(0xF3BF8F5Fu, OpCode.DmbT1)]
    [TestCase(0xF3BF8F4Fu, OpCode.DsbT1)]
    [TestCase(0xF3BF8F6Fu, OpCode.IsbT1)]
    public void CortexM0PlusAcceptsBlMsrMrsAndBarriers(uint raw, OpCode expected)
    {
        var op = default(DecodedOp);

        Assert.That(DecodeTable.Decode32(raw, FeatureSet.V6M, ref op) && op.Op == expected, Is.True);
    }

    [Test]
    public void CortexM3RejectsDspAndFloatingPoint()
    {
        var op = default(DecodedOp);
        FeatureSet m3 = FeatureSet.V6M | FeatureSet.V7M;

        Assert.Multiple(() =>
        {
            Assert.That(DecodeTable.Decode32(0xFA91F012u, m3, ref op), Is.False, "SADD16");
            Assert.That(DecodeTable.Decode32(0xFB20F001u, m3, ref op), Is.False, "SMUAD");
            Assert.That(DecodeTable.Decode32(0xEE300A20u, m3, ref op), Is.False, "VADD.F32");
            Assert.That(DecodeTable.Decode32(0xFB90F0F1u, m3, ref op), Is.True, "SDIV");
        });
    }

    [Test]
    public void FieldFunctionsFollowTheArmArmPseudocode()
    {
        Assert.Multiple(() =>
        {
            // ThumbExpandImm: 00:00 imm8, 00:01 00XY00XY, 00:10 XY00XY00, 00:11 XYXYXYXY, else rotated 1bcdefgh.
            Assert.That(FieldFunctions.ThumbExpandImm(0x0AB), Is.EqualTo(0x0000_00ABu));
            Assert.That(FieldFunctions.ThumbExpandImm(0x1AB), Is.EqualTo(0x00AB_00ABu));
            Assert.That(FieldFunctions.ThumbExpandImm(0x2AB), Is.EqualTo(0xAB00_AB00u));
            Assert.That(FieldFunctions.ThumbExpandImm(0x3AB), Is.EqualTo(0xABAB_ABABu));
            Assert.That(FieldFunctions.ThumbExpandImm(0x400), Is.EqualTo(0x8000_0000u));
            Assert.That(FieldFunctions.ThumbExpandImm(0xFFF), Is.EqualTo(0x0000_01FEu));
            Assert.That(FieldFunctions.VfpExpandImm(0x70), Is.EqualTo(0x3F80_0000u), "1.0");
            Assert.That(FieldFunctions.VfpExpandImm(0xF8), Is.EqualTo(0xBFC0_0000u), "-1.5");
            Assert.That(FieldFunctions.DecodeImmShift(0b00000_11), Is.EqualTo((FieldFunctions.Rrx << 8) | 1), "ROR #0 is RRX");
            Assert.That(FieldFunctions.DecodeImmShift(0b00000_01), Is.EqualTo((FieldFunctions.Lsr << 8) | 32), "LSR #0 is LSR #32");
        });
    }

    [Test]
    public void CommentedOutEncodingsAreListedAsUnimplemented()
    {
        Assert.That(DecodeTable.Unimplemented, Is.SupersetOf(new[] { "McrT1", "LdcImmT1", "SgT1", "TtT1", "VmovScalarT1" }));
        Assert.That(DecodeTable.Unimplemented.Intersect(DecodeTable.Encodings.Select(e => e.Name)), Is.Empty);
    }
}
