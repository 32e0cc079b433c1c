using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>
/// nRF52 UARTE0/UART0 at 0x40002000. ENABLE = 8 selects UARTE (EasyDMA: TASKS_STARTTX sends
/// TXD.MAXCNT bytes from TXD.PTR, then EVENTS_TXSTARTED and EVENTS_ENDTX); ENABLE = 4 selects the
/// legacy UART (each byte written to TXD is sent, then EVENTS_TXDRDY).
/// </summary>
public sealed class NrfUarte : RegisterPeripheral
{
    private const uint EnableUart = 4;
    private const uint EnableUarte = 8;

    private readonly ConsoleSink console;
    private readonly Func<uint, byte> readMemory;
    private readonly InterruptLine irq;
    private uint enable;
    private uint interruptEnable;
    private bool eventEndTx;
    private bool eventTxStarted;
    private bool eventTxStopped;
    private bool eventTxdReady;
    private bool eventRxdReady;
    private uint txPointer;
    private uint txMaxCount;
    private uint txAmount;

    public NrfUarte(ConsoleSink console, Func<uint, byte> readMemory, InterruptLine irq)
        : base(0x1000)
    {
        this.console = console;
        this.readMemory = readMemory;
        this.irq = irq;
        Registers.Define((uint)Register.TasksStartRx, "TASKS_STARTRX").WithTaggedFlag("TASKS_STARTRX", 0).WithReservedBits(1, 31);
        Registers.Define((uint)Register.TasksStopRx, "TASKS_STOPRX").WithTaggedFlag("TASKS_STOPRX", 0).WithReservedBits(1, 31);
        Registers.Define((uint)Register.TasksStartTx, "TASKS_STARTTX").WithFlag(0, "TASKS_STARTTX", FieldMode.Write, writeCallback: StartTx).WithReservedBits(1, 31);
        Registers.Define((uint)Register.TasksStopTx, "TASKS_STOPTX").WithFlag(0, "TASKS_STOPTX", FieldMode.Write, writeCallback: v => eventTxStopped |= v).WithReservedBits(1, 31);
        DefineEvent(Register.EventsRxdRdy, "EVENTS_RXDRDY", () => eventRxdReady, v => eventRxdReady = v);
        DefineEvent(Register.EventsTxdRdy, "EVENTS_TXDRDY", () => eventTxdReady, v => eventTxdReady = v);
        DefineEvent(Register.EventsEndTx, "EVENTS_ENDTX", () => eventEndTx, v => eventEndTx = v);
        DefineEvent(Register.EventsTxStarted, "EVENTS_TXSTARTED", () => eventTxStarted, v => eventTxStarted = v);
        DefineEvent(Register.EventsTxStopped, "EVENTS_TXSTOPPED", () => eventTxStopped, v => eventTxStopped = v);
        Registers.Define((uint)Register.Inten, "INTEN").WithValueField(0, 32, "INTEN", valueProvider: () => interruptEnable, writeCallback: v => interruptEnable = v).WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)Register.Intenset, "INTENSET").WithValueField(0, 32, "INTENSET", valueProvider: () => interruptEnable, writeCallback: v => interruptEnable |= v).WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)Register.Intenclr, "INTENCLR").WithValueField(0, 32, "INTENCLR", valueProvider: () => interruptEnable, writeCallback: v => interruptEnable &= ~v).WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)Register.Enable, "ENABLE").WithValueField(0, 4, "ENABLE", valueProvider: () => enable, writeCallback: v => enable = v).WithReservedBits(4, 28);
        Registers.Define((uint)Register.PselTxd, "PSEL.TXD", 0xFFFF_FFFF).WithTag("PSEL.TXD", 0, 32);
        Registers.Define((uint)Register.PselRxd, "PSEL.RXD", 0xFFFF_FFFF).WithTag("PSEL.RXD", 0, 32);
        Registers.Define((uint)Register.Rxd, "RXD").WithValueField(0, 8, "RXD", FieldMode.Read, () => console.InputAvailable > 0 ? (uint)console.Read() : 0).WithReservedBits(8, 24);
        Registers.Define((uint)Register.Txd, "TXD").WithValueField(0, 8, "TXD", FieldMode.Write, writeCallback: TransmitLegacy).WithReservedBits(8, 24);
        Registers.Define((uint)Register.Baudrate, "BAUDRATE", 0x0400_0000).WithTag("BAUDRATE", 0, 32);
        Registers.Define((uint)Register.TxdPtr, "TXD.PTR").WithValueField(0, 32, "PTR", valueProvider: () => txPointer, writeCallback: v => txPointer = v);
        Registers.Define((uint)Register.TxdMaxcnt, "TXD.MAXCNT").WithValueField(0, 16, "MAXCNT", valueProvider: () => txMaxCount, writeCallback: v => txMaxCount = v).WithReservedBits(16, 16);
        Registers.Define((uint)Register.TxdAmount, "TXD.AMOUNT").WithValueField(0, 16, "AMOUNT", FieldMode.Read, () => txAmount).WithReservedBits(16, 16);
        Registers.Define((uint)Register.Config, "CONFIG").WithTag("CONFIG", 0, 5).WithReservedBits(5, 27);
    }

    private enum Register : uint
    {
        TasksStartRx    = 0x000,
        TasksStopRx     = 0x004,
        TasksStartTx    = 0x008,
        TasksStopTx     = 0x00C,
        EventsRxdRdy    = 0x108,
        EventsTxdRdy    = 0x11C,
        EventsEndTx     = 0x120,
        EventsTxStarted = 0x150,
        EventsTxStopped = 0x158,
        Inten           = 0x300,
        Intenset        = 0x304,
        Intenclr        = 0x308,
        Enable          = 0x500,
        PselTxd         = 0x50C,
        PselRxd         = 0x514,
        Rxd             = 0x518,
        Txd             = 0x51C,
        Baudrate        = 0x524,
        TxdPtr          = 0x544,
        TxdMaxcnt       = 0x548,
        TxdAmount       = 0x54C,
        Config          = 0x56C,
    }

    private void DefineEvent(Register register, string name, Func<bool> get, Action<bool> set) =>
        Registers.Define((uint)register, name)
            .WithFlag(0, name, valueProvider: get, writeCallback: set)
            .WithReservedBits(1, 31)
            .WithWriteCallback((_, _) => UpdateInterrupts());

    private void StartTx(bool trigger)
    {
        if (!trigger)
        {
            return;
        }

        if (enable == EnableUarte)
        {
            eventTxStarted = true;
            for (uint i = 0; i < txMaxCount; i++)
            {
                console.Write(readMemory(txPointer + i));
            }

            txAmount = txMaxCount;
            eventEndTx = true;
        }

        UpdateInterrupts();
    }

    private void TransmitLegacy(uint value)
    {
        if (enable == EnableUart)
        {
            console.Write((byte)value);
            eventTxdReady = true;
        }

        UpdateInterrupts();
    }

    /// <summary>INTEN bits are the event offsets (0x100 + 4*bit).</summary>
    private void UpdateInterrupts() => irq.Set(
        (eventEndTx && (interruptEnable & (1u << 8)) != 0)
        || (eventTxdReady && (interruptEnable & (1u << 7)) != 0)
        || (eventTxStarted && (interruptEnable & (1u << 20)) != 0)
        || (eventTxStopped && (interruptEnable & (1u << 22)) != 0));
}
