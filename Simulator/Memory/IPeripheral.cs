namespace MicroGen.Simulator.Memory;

/// <summary>A memory-mapped device. Offsets are relative to its base; size is 1, 2 or 4 bytes.</summary>
public interface IPeripheral
{
    /// <summary>Bytes of address space the device decodes.</summary>
    uint Size { get; }

    uint Read(uint offset, int size);

    void Write(uint offset, uint value, int size);
}
