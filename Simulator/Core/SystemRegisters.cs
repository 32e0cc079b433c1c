namespace MicroGen.Simulator.Core;

/// <summary>SCB state the core itself consults (the SCS device exposes it as registers).</summary>
public sealed class SystemRegisters
{
    public uint Vtor { get; set; }

    /// <summary>CCR: bit 3 UNALIGN_TRP, bit 4 DIV_0_TRP, bit 9 STKALIGN (reset 1 on v7-M r2 and later).</summary>
    public uint Ccr { get; set; } = 1u << 9;

    /// <summary>SHCSR: bits 16-18 enable MemManage, BusFault and UsageFault.</summary>
    public uint Shcsr { get; set; }

    public uint Cfsr { get; set; }

    public uint Hfsr { get; set; }

    public uint Mmfar { get; set; }

    public uint Bfar { get; set; }

    /// <summary>CPACR: CP10 at bits 21:20, CP11 at bits 23:22; full access is 0b11.</summary>
    public uint Cpacr { get; set; }

    /// <summary>FPCCR: bit 31 ASPEN, bit 30 LSPEN (reset both set).</summary>
    public uint Fpccr { get; set; } = 0xC000_0000;

    public uint Fpcar { get; set; }

    /// <summary>FPDSCR: default FPSCR AHP/DN/FZ/RMode given to exception handlers.</summary>
    public uint Fpdscr { get; set; }

    /// <summary>SCR: bit 1 SLEEPONEXIT, bit 4 SEVONPEND.</summary>
    public uint Scr { get; set; }

    public bool UnalignedTrap => (Ccr & (1u << 3)) != 0;

    public bool DivideByZeroTrap => (Ccr & (1u << 4)) != 0;

    public bool StackAlign8 => (Ccr & (1u << 9)) != 0;

    public bool FpAccessEnabled => (Cpacr & 0x00F0_0000) == 0x00F0_0000;
}
