namespace MicroGen.Simulator.Devices.Registers;

/// <summary>How software may access a register field.</summary>
public enum FieldMode
{
    ReadWrite,
    Read,
    Write,

    /// <summary>Writing 1 clears the bit (W1C).</summary>
    WriteOneToClear,
}
