namespace MicroGen.Simulator.Core;

/// <summary>The six flavours of ARMv7E-M parallel add/subtract (prefixes S, U, Q, UQ, SH, UH).</summary>
internal enum LaneMode
{
    Signed,
    Unsigned,
    SignedSaturating,
    UnsignedSaturating,
    SignedHalving,
    UnsignedHalving,
}
