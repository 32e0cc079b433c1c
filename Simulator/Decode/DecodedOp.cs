using System.Runtime.InteropServices;

namespace MicroGen.Simulator.Decode;

/// <summary>
/// One pre-decoded instruction in the per-address cache: the operation, its extracted fields
/// (handler arguments in order), its size and its base cost in ticks (half cycles).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct DecodedOp
{
    public OpCode Op;

    /// <summary>2 or 4 bytes; 0 marks an entry not decoded yet.</summary>
    public byte Size;

    /// <summary>Base cost in ticks (half cycles) from the core's cycle model.</summary>
    public byte Ticks;

    /// <summary>Non-zero when the address is watched (layer entry or return): the run loop takes its slow path.</summary>
    public byte Watch;

    public byte Reserved;

    /// <summary>The encoding as fetched (second halfword in the low 16 bits for 32-bit encodings).</summary>
    public uint Raw;

    public uint F0;
    public uint F1;
    public uint F2;
    public uint F3;
    public uint F4;
    public uint F5;
    public uint F6;
}
