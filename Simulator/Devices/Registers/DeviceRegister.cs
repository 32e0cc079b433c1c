namespace MicroGen.Simulator.Devices.Registers;

/// <summary>
/// A 32-bit device register declared field by field (Renode style): every datasheet bit is a
/// flag, a value field, a tagged (known, not modelled) field or reserved.
/// </summary>
public sealed class DeviceRegister
{
    private readonly List<RegisterField> fields = [];
    private readonly uint resetValue;
    private Action<uint, uint>? writeCallback;
    private Action? readCallback;

    public DeviceRegister(string name, uint resetValue)
    {
        Name = name;
        this.resetValue = resetValue;
    }

    public string Name { get; }

    public IReadOnlyList<RegisterField> Fields => fields;

    public DeviceRegister WithFlag(int bit, string name, FieldMode mode = FieldMode.ReadWrite, Func<bool>? valueProvider = null, Action<bool>? writeCallback = null) =>
        Add(new RegisterField(name, bit, 1, mode, valueProvider is null ? null : () => valueProvider() ? 1u : 0u, writeCallback is null ? null : v => writeCallback(v != 0), false, false));

    public DeviceRegister WithValueField(int position, int width, string name, FieldMode mode = FieldMode.ReadWrite, Func<uint>? valueProvider = null, Action<uint>? writeCallback = null) =>
        Add(new RegisterField(name, position, width, mode, valueProvider, writeCallback, false, false));

    public DeviceRegister WithTaggedFlag(string name, int bit) => Add(new RegisterField(name, bit, 1, FieldMode.ReadWrite, null, null, true, false));

    public DeviceRegister WithTag(string name, int position, int width) => Add(new RegisterField(name, position, width, FieldMode.ReadWrite, null, null, true, false));

    public DeviceRegister WithReservedBits(int position, int width) => Add(new RegisterField("reserved", position, width, FieldMode.Read, null, null, false, true));

    /// <summary>Called after every write with the old and the new register value.</summary>
    public DeviceRegister WithWriteCallback(Action<uint, uint> callback)
    {
        writeCallback += callback;
        return this;
    }

    /// <summary>Called after every read (for read side effects such as popping a receive FIFO).</summary>
    public DeviceRegister WithReadCallback(Action callback)
    {
        readCallback += callback;
        return this;
    }

    public RegisterField Field(string name) => fields.First(f => f.Name == name);

    public void Reset()
    {
        foreach (RegisterField field in fields)
        {
            field.Value = (resetValue & field.Mask) >> field.Position;
        }
    }

    public uint Read()
    {
        uint value = Peek();
        readCallback?.Invoke();
        return value;
    }

    /// <summary>The register value without read side effects.</summary>
    public uint Peek()
    {
        uint value = 0;
        foreach (RegisterField field in fields)
        {
            if (field.Reserved || field.Mode == FieldMode.Write)
            {
                continue;
            }

            uint fieldValue = field.ValueProvider?.Invoke() ?? field.Value;
            value |= (fieldValue << field.Position) & field.Mask;
        }

        return value;
    }

    public void Write(uint value)
    {
        uint old = Peek();
        foreach (RegisterField field in fields)
        {
            uint written = (value & field.Mask) >> field.Position;
            switch (field.Mode)
            {
                case FieldMode.Read:
                    continue;
                case FieldMode.WriteOneToClear:
                    field.Value &= ~written;
                    break;
                default:
                    field.Value = written;
                    break;
            }

            field.WriteCallback?.Invoke(written);
        }

        writeCallback?.Invoke(old, Peek());
    }

    private DeviceRegister Add(RegisterField field)
    {
        fields.Add(field);
        field.Value = (resetValue & field.Mask) >> field.Position;
        return this;
    }
}
