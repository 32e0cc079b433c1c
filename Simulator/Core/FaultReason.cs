namespace MicroGen.Simulator.Core;

/// <summary>Why a fault was raised; the names are the CFSR/HFSR bit names.</summary>
public enum FaultReason
{
    /// <summary>UsageFault UNDEFINSTR: an encoding the core does not have.</summary>
    UndefInstr,

    /// <summary>UsageFault INVSTATE: a branch to an address with bit 0 clear (ARM state).</summary>
    InvState,

    /// <summary>UsageFault INVPC: a bad EXC_RETURN value.</summary>
    InvPc,

    /// <summary>UsageFault NOCP: FPU instruction while CP10/CP11 are disabled in CPACR (or no FPU).</summary>
    NoCp,

    /// <summary>UsageFault UNALIGNED: unaligned LDM/STM/LDRD/STRD/LDREX or CCR.UNALIGN_TRP.</summary>
    Unaligned,

    /// <summary>UsageFault DIVBYZERO: SDIV/UDIV by zero with CCR.DIV_0_TRP set.</summary>
    DivByZero,

    /// <summary>BusFault PRECISERR: a data access to an unmapped or read-only address (BFAR valid).</summary>
    PreciseErr,

    /// <summary>BusFault IBUSERR: an instruction fetch from an unmapped address.</summary>
    IBusErr,

    /// <summary>BusFault STKERR: exception entry stacking failed.</summary>
    StkErr,

    /// <summary>BusFault UNSTKERR: exception return unstacking failed.</summary>
    UnstkErr,

    /// <summary>HardFault VECTTBL: the vector table read failed.</summary>
    VectTbl,

    /// <summary>HardFault on ARMv6-M for what ARMv7-M would report as a UsageFault or BusFault.</summary>
    Forced,
}
