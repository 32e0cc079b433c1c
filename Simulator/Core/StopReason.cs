namespace MicroGen.Simulator.Core;

/// <summary>Why a simulation run ended.</summary>
public enum StopReason
{
    /// <summary>Not stopped yet.</summary>
    None,

    /// <summary>The firmware called semihosting SYS_EXIT or SYS_EXIT_EXTENDED.</summary>
    SemihostingExit,

    /// <summary>A branch to itself in thread mode: the documented end of firmware without semihosting.</summary>
    IdleLoop,

    /// <summary>A BKPT other than the semihosting 0xAB.</summary>
    Breakpoint,

    /// <summary>A fault was raised and the run options ask to stop at the first fault.</summary>
    Fault,

    /// <summary>A fault the core could not handle (fault in HardFault, bad vector): lockup.</summary>
    Lockup,

    /// <summary>The maximum number of instructions was executed.</summary>
    InstructionLimit,

    /// <summary>WFI/WFE with no interrupt that could ever wake the core.</summary>
    SleepForever,

    /// <summary>The run could not start: bad ELF, bad memory patch or bad machine description (see the error).</summary>
    SetupError,
}
