using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Devices.Registers;

/// <summary>Base of a peripheral made of declared registers: reads and writes just delegate to the map.</summary>
public abstract class RegisterPeripheral : IPeripheral
{
    protected RegisterPeripheral(uint size) => Size = size;

    public uint Size { get; }

    protected RegisterMap Registers { get; } = new();

    public virtual uint Read(uint offset, int size) => Registers.Read(offset, size);

    public virtual void Write(uint offset, uint value, int size) => Registers.Write(offset, value, size);
}
