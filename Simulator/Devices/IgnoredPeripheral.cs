using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Devices;

/// <summary>
/// Unmodelled peripheral space of a board (clock, GPIO, power registers the startup code touches):
/// writes are ignored, reads return the declared reset value of the word or 0.
/// </summary>
public sealed class IgnoredPeripheral : IPeripheral
{
    private readonly IReadOnlyDictionary<uint, uint> resetValues;

    public IgnoredPeripheral(uint size, IReadOnlyDictionary<uint, uint> resetValues)
    {
        Size = size;
        this.resetValues = resetValues;
    }

    public uint Size { get; }

    public uint Read(uint offset, int size)
    {
        uint word = resetValues.GetValueOrDefault(offset & ~3u);
        uint value = word >> (int)(8 * (offset & 3));
        return size == 4 ? value : value & ((1u << (8 * size)) - 1);
    }

    public void Write(uint offset, uint value, int size)
    {
    }
}
