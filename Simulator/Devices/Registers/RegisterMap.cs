using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Devices.Registers;

/// <summary>
/// A peripheral's registers by offset. Unknown offsets read as zero and ignore writes (a reserved
/// hole); byte and halfword accesses reach the containing word register.
/// </summary>
public sealed class RegisterMap
{
    private readonly Dictionary<uint, DeviceRegister> registers = [];

    public DeviceRegister Define(uint offset, string name, uint resetValue = 0)
    {
        var register = new DeviceRegister(name, resetValue);
        registers.Add(offset, register);
        return register;
    }

    public IReadOnlyDictionary<uint, DeviceRegister> Registers => registers;

    public uint Read(uint offset, int size)
    {
        uint aligned = offset & ~3u;
        if (!registers.TryGetValue(aligned, out DeviceRegister? register))
        {
            return 0;
        }

        uint value = register.Read() >> (int)(8 * (offset & 3));
        return size switch
        {
            1 => value & 0xFF,
            2 => value & 0xFFFF,
            _ => value,
        };
    }

    public void Write(uint offset, uint value, int size)
    {
        uint aligned = offset & ~3u;
        if (registers.TryGetValue(aligned, out DeviceRegister? register))
        {
            register.Write(size == 4 ? value : value << (int)(8 * (offset & 3)));
        }
    }

    public void Reset()
    {
        foreach (DeviceRegister register in registers.Values)
        {
            register.Reset();
        }
    }
}
