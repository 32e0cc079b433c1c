using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>
/// STM32 USART. <c>modernLayout</c> false: the F1/F2/F4 layout (SR, DR, BRR, CR1..); true: the
/// F0/F7/L0/L4 layout (CR1.., ISR, ICR, RDR, TDR). Transmission is instantaneous: TXE and TC stay set,
/// a byte written while UE and TE are set goes to the console. RXNE reflects the console input.
/// </summary>
public sealed class Stm32Usart : RegisterPeripheral
{
    private readonly ConsoleSink console;
    private readonly InterruptLine irq;
    private readonly bool modernLayout;
    private bool enabled;
    private bool transmitterEnabled;
    private bool receiverEnabled;
    private bool txeInterrupt;
    private bool tcInterrupt;
    private bool rxneInterrupt;
    private bool transmissionComplete = true;

    public Stm32Usart(ConsoleSink console, bool modernLayout, InterruptLine irq)
        : base(0x400)
    {
        this.console = console;
        this.modernLayout = modernLayout;
        this.irq = irq;
        if (modernLayout)
        {
            DefineModernRegisters();
        }
        else
        {
            DefineLegacyRegisters();
        }
    }

    private enum LegacyRegister : uint
    {
        Sr   = 0x00,
        Dr   = 0x04,
        Brr  = 0x08,
        Cr1  = 0x0C,
        Cr2  = 0x10,
        Cr3  = 0x14,
        Gtpr = 0x18,
    }

    private enum ModernRegister : uint
    {
        Cr1  = 0x00,
        Cr2  = 0x04,
        Cr3  = 0x08,
        Brr  = 0x0C,
        Gtpr = 0x10,
        Rtor = 0x14,
        Rqr  = 0x18,
        Isr  = 0x1C,
        Icr  = 0x20,
        Rdr  = 0x24,
        Tdr  = 0x28,
    }

    private bool ReceiveNotEmpty => receiverEnabled && console.InputAvailable > 0;

    private void DefineLegacyRegisters()
    {
        Registers.Define((uint)LegacyRegister.Sr, "SR", 0xC0)
            .WithTaggedFlag("PE", 0).WithTaggedFlag("FE", 1).WithTaggedFlag("NF", 2).WithTaggedFlag("ORE", 3).WithTaggedFlag("IDLE", 4)
            .WithFlag(5, "RXNE", FieldMode.Read, () => ReceiveNotEmpty)
            .WithFlag(6, "TC", FieldMode.ReadWrite, () => transmissionComplete, v => transmissionComplete = v)
            .WithFlag(7, "TXE", FieldMode.Read, () => true)
            .WithTaggedFlag("LBD", 8).WithTaggedFlag("CTS", 9)
            .WithReservedBits(10, 22)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)LegacyRegister.Dr, "DR")
            .WithValueField(0, 9, "DR", valueProvider: ReadData, writeCallback: Transmit)
            .WithReservedBits(9, 23);
        Registers.Define((uint)LegacyRegister.Brr, "BRR").WithValueField(0, 16, "BRR").WithReservedBits(16, 16);
        Registers.Define((uint)LegacyRegister.Cr1, "CR1")
            .WithTaggedFlag("SBK", 0).WithTaggedFlag("RWU", 1)
            .WithFlag(2, "RE", writeCallback: v => receiverEnabled = v)
            .WithFlag(3, "TE", writeCallback: v => transmitterEnabled = v)
            .WithTaggedFlag("IDLEIE", 4)
            .WithFlag(5, "RXNEIE", writeCallback: v => rxneInterrupt = v)
            .WithFlag(6, "TCIE", writeCallback: v => tcInterrupt = v)
            .WithFlag(7, "TXEIE", writeCallback: v => txeInterrupt = v)
            .WithTaggedFlag("PEIE", 8).WithTaggedFlag("PS", 9).WithTaggedFlag("PCE", 10).WithTaggedFlag("WAKE", 11).WithTaggedFlag("M", 12)
            .WithFlag(13, "UE", writeCallback: v => enabled = v)
            .WithReservedBits(14, 1)
            .WithTaggedFlag("OVER8", 15)
            .WithReservedBits(16, 16)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)LegacyRegister.Cr2, "CR2").WithTag("CR2", 0, 15).WithReservedBits(15, 17);
        Registers.Define((uint)LegacyRegister.Cr3, "CR3").WithTag("CR3", 0, 12).WithReservedBits(12, 20);
        Registers.Define((uint)LegacyRegister.Gtpr, "GTPR").WithTag("PSC", 0, 8).WithTag("GT", 8, 8).WithReservedBits(16, 16);
    }

    private void DefineModernRegisters()
    {
        Registers.Define((uint)ModernRegister.Cr1, "CR1")
            .WithFlag(0, "UE", writeCallback: v => enabled = v)
            .WithTaggedFlag("UESM", 1)
            .WithFlag(2, "RE", writeCallback: v => receiverEnabled = v)
            .WithFlag(3, "TE", writeCallback: v => transmitterEnabled = v)
            .WithTaggedFlag("IDLEIE", 4)
            .WithFlag(5, "RXNEIE", writeCallback: v => rxneInterrupt = v)
            .WithFlag(6, "TCIE", writeCallback: v => tcInterrupt = v)
            .WithFlag(7, "TXEIE", writeCallback: v => txeInterrupt = v)
            .WithTaggedFlag("PEIE", 8).WithTaggedFlag("PS", 9).WithTaggedFlag("PCE", 10).WithTaggedFlag("WAKE", 11).WithTaggedFlag("M0", 12)
            .WithTaggedFlag("MME", 13).WithTaggedFlag("CMIE", 14).WithTaggedFlag("OVER8", 15)
            .WithTag("DEDT", 16, 5).WithTag("DEAT", 21, 5).WithTaggedFlag("RTOIE", 26).WithTaggedFlag("EOBIE", 27).WithTaggedFlag("M1", 28)
            .WithReservedBits(29, 3)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)ModernRegister.Cr2, "CR2").WithTag("CR2", 0, 32);
        Registers.Define((uint)ModernRegister.Cr3, "CR3").WithTag("CR3", 0, 25).WithReservedBits(25, 7);
        Registers.Define((uint)ModernRegister.Brr, "BRR").WithValueField(0, 16, "BRR").WithReservedBits(16, 16);
        Registers.Define((uint)ModernRegister.Gtpr, "GTPR").WithTag("PSC", 0, 8).WithTag("GT", 8, 8).WithReservedBits(16, 16);
        Registers.Define((uint)ModernRegister.Rtor, "RTOR").WithTag("RTO", 0, 24).WithTag("BLEN", 24, 8);
        Registers.Define((uint)ModernRegister.Rqr, "RQR").WithTag("RQR", 0, 5).WithReservedBits(5, 27);
        Registers.Define((uint)ModernRegister.Isr, "ISR", 0x0060_00C0)
            .WithTag("PE_FE_NF_ORE_IDLE", 0, 5)
            .WithFlag(5, "RXNE", FieldMode.Read, () => ReceiveNotEmpty)
            .WithFlag(6, "TC", FieldMode.Read, () => transmissionComplete)
            .WithFlag(7, "TXE", FieldMode.Read, () => true)
            .WithTag("LBDF_CTSIF_CTS_RTOF_EOBF", 8, 5)
            .WithReservedBits(13, 1)
            .WithTag("ABRE_ABRF", 14, 2)
            .WithFlag(16, "BUSY", FieldMode.Read, () => false)
            .WithTag("CMF_SBKF_RWU", 17, 3)
            .WithTaggedFlag("WUF", 20)
            .WithFlag(21, "TEACK", FieldMode.Read, () => transmitterEnabled)
            .WithFlag(22, "REACK", FieldMode.Read, () => receiverEnabled)
            .WithReservedBits(23, 9);
        Registers.Define((uint)ModernRegister.Icr, "ICR")
            .WithTag("PECF_FECF_NCF_ORECF_IDLECF", 0, 5)
            .WithReservedBits(5, 1)
            .WithFlag(6, "TCCF", FieldMode.Write, writeCallback: v => transmissionComplete &= !v)
            .WithTag("LBDCF_CTSCF_RTOCF_EOBCF_CMCF_WUCF", 7, 14)
            .WithReservedBits(21, 11)
            .WithWriteCallback((_, _) => UpdateInterrupts());
        Registers.Define((uint)ModernRegister.Rdr, "RDR").WithValueField(0, 9, "RDR", FieldMode.Read, ReadData).WithReservedBits(9, 23);
        Registers.Define((uint)ModernRegister.Tdr, "TDR").WithValueField(0, 9, "TDR", writeCallback: Transmit).WithReservedBits(9, 23);
    }

    private void Transmit(uint value)
    {
        if (enabled && transmitterEnabled)
        {
            console.Write((byte)value);
            transmissionComplete = true;
        }

        UpdateInterrupts();
    }

    private uint ReadData()
    {
        if (!ReceiveNotEmpty)
        {
            return 0;
        }

        uint value = (uint)console.Read();
        UpdateInterrupts();
        return value;
    }

    private void UpdateInterrupts() =>
        irq.Set(enabled && ((txeInterrupt && transmitterEnabled) || (tcInterrupt && transmissionComplete) || (rxneInterrupt && ReceiveNotEmpty)));

    public override string ToString() => modernLayout ? "STM32 USART (ISR/TDR layout)" : "STM32 USART (SR/DR layout)";
}
