namespace MicroGen.Simulator.Devices.Registers;

/// <summary>One field of a register: position, width, access mode and optional behaviour callbacks.</summary>
public sealed class RegisterField
{
    internal RegisterField(string name, int position, int width, FieldMode mode, Func<uint>? valueProvider, Action<uint>? writeCallback, bool tagged, bool reserved)
    {
        Name = name;
        Position = position;
        Width = width;
        Mode = mode;
        ValueProvider = valueProvider;
        WriteCallback = writeCallback;
        Tagged = tagged;
        Reserved = reserved;
    }

    public string Name { get; }

    public int Position { get; }

    public int Width { get; }

    public FieldMode Mode { get; }

    /// <summary>Computes the value on read (status bits); null reads the stored bits.</summary>
    public Func<uint>? ValueProvider { get; }

    /// <summary>Called with the written field value (after storing it).</summary>
    public Action<uint>? WriteCallback { get; }

    /// <summary>Known from the datasheet but not modelled: stored, no behaviour.</summary>
    public bool Tagged { get; }

    /// <summary>Reserved bits: read as zero, writes ignored.</summary>
    public bool Reserved { get; }

    public uint Mask => (uint)(((1UL << Width) - 1) << Position);

    public uint Value { get; internal set; }
}
