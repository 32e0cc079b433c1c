namespace MicroGen.Simulator.Decode;

/// <summary>Hand-written part of the generated decoder: lookups over <see cref="Encodings"/>.</summary>
public static partial class DecodeTable
{
    /// <summary>The table line of an operation, or null for <see cref="OpCode.Undefined"/>.</summary>
    public static EncodingInfo? InfoOf(OpCode op) => op == OpCode.Undefined ? null : Encodings[(int)op - 1];

    /// <summary>The handler name of an operation (used as the mnemonic in traces).</summary>
    public static string NameOf(OpCode op) => op == OpCode.Undefined ? "UNDEFINED" : Encodings[(int)op - 1].Name;

    /// <summary>True when the first halfword starts a 32-bit encoding (bits 15:11 are 11101, 11110 or 11111).</summary>
    public static bool Is32Bit(uint firstHalfword) => (firstHalfword & 0xF800) >= 0xE800;
}
