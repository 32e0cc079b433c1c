namespace MicroGen.Simulator.Memory;

/// <summary>A block of flash or RAM backed by a byte array (aliases share the array of their target).</summary>
public sealed class MemoryRegion
{
    public MemoryRegion(string name, uint origin, uint size, MemoryKind kind, int waitStates, byte[]? sharedData = null)
    {
        Name = name;
        Origin = origin;
        Size = size;
        Kind = kind;
        WaitStates = waitStates;
        Data = sharedData ?? new byte[size];
    }

    public string Name { get; }

    public uint Origin { get; }

    public uint Size { get; }

    public MemoryKind Kind { get; }

    public int WaitStates { get; }

    public bool Writable => Kind == MemoryKind.Ram;

    public byte[] Data { get; }

    /// <summary>Set once an instruction was decoded from this (writable) region, so writes must invalidate the decode cache.</summary>
    public bool HoldsDecodedCode { get; set; }

    public bool Contains(uint address) => address - Origin < Size;
}
