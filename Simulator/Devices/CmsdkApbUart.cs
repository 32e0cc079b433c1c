using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>ARM CMSDK APB UART (MPS2 boards): DATA, STATE, CTRL, INTSTATUS/INTCLEAR, BAUDDIV. Bytes written with TX enabled reach the console.</summary>
public sealed class CmsdkApbUart : RegisterPeripheral
{
    private readonly ConsoleSink console;
    private readonly InterruptLine irq;
    private bool txEnabled;
    private bool rxEnabled;
    private bool txInterruptEnabled;
    private bool rxInterruptEnabled;
    private bool txInterrupt;

    public CmsdkApbUart(ConsoleSink console, InterruptLine irq)
        : base(0x1000)
    {
        this.console = console;
        this.irq = irq;
        Registers.Define((uint)Register.Data, "DATA")
            .WithValueField(0, 8, "DATA", valueProvider: ReadData, writeCallback: Transmit)
            .WithReservedBits(8, 24);
        Registers.Define((uint)Register.State, "STATE")
            .WithFlag(0, "TXFULL", FieldMode.Read, () => false)
            .WithFlag(1, "RXFULL", FieldMode.Read, () => rxEnabled && console.InputAvailable > 0)
            .WithTaggedFlag("TXOVERRUN", 2)
            .WithTaggedFlag("RXOVERRUN", 3)
            .WithReservedBits(4, 28);
        Registers.Define((uint)Register.Ctrl, "CTRL")
            .WithFlag(0, "TXEN", writeCallback: v => txEnabled = v)
            .WithFlag(1, "RXEN", writeCallback: v => rxEnabled = v)
            .WithFlag(2, "TXINTEN", writeCallback: v => txInterruptEnabled = v)
            .WithFlag(3, "RXINTEN", writeCallback: v => rxInterruptEnabled = v)
            .WithTaggedFlag("TXOVINTEN", 4)
            .WithTaggedFlag("RXOVINTEN", 5)
            .WithTaggedFlag("HSTEST", 6)
            .WithReservedBits(7, 25)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)Register.IntStatus, "INTSTATUS")
            .WithFlag(0, "TXINT", FieldMode.WriteOneToClear, () => txInterrupt, v => txInterrupt &= !v)
            .WithFlag(1, "RXINT", FieldMode.Read, () => rxInterruptEnabled && rxEnabled && console.InputAvailable > 0)
            .WithTaggedFlag("TXOVINT", 2)
            .WithTaggedFlag("RXOVINT", 3)
            .WithReservedBits(4, 28)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)Register.BaudDiv, "BAUDDIV").WithValueField(0, 20, "BAUDDIV").WithReservedBits(20, 12);
    }

    private enum Register : uint
    {
        Data      = 0x00,
        State     = 0x04,
        Ctrl      = 0x08,
        IntStatus = 0x0C,
        BaudDiv   = 0x10,
    }

    private void Transmit(uint value)
    {
        if (!txEnabled)
        {
            return;
        }

        console.Write((byte)value);
        txInterrupt = txInterruptEnabled;
        UpdateInterrupts();
    }

    private uint ReadData() => rxEnabled && console.InputAvailable > 0 ? (uint)console.Read() : 0;

    private void UpdateInterrupts() => irq.Set(txInterrupt || (rxInterruptEnabled && rxEnabled && console.InputAvailable > 0));
}
