namespace MicroGen.Simulator.Memory;

/// <summary>
/// Raised inside the simulator when an access hits nothing (or a read-only region is written).
/// The core turns it into a precise BusFault with BFAR; it never leaves the simulator.
/// </summary>
public sealed class BusErrorException : Exception
{
    public BusErrorException(uint address, bool isWrite, string reason)
        : base($"{(isWrite ? "write to" : "read from")} 0x{address:X8}: {reason}")
    {
        Address = address;
        IsWrite = isWrite;
    }

    public uint Address { get; }

    public bool IsWrite { get; }
}
