namespace MicroGen.Simulator.Core;

/// <summary>Size and extension of a single load or store.</summary>
internal enum AccessWidth
{
    Word,
    Half,
    SignedHalf,
    Byte,
    SignedByte,
}
