namespace MicroGen.Verify;

/// <summary>Where firmware runs for verification.</summary>
public enum ExecutionTarget
{
    /// <summary>The host build, as a process.</summary>
    Host,

    /// <summary>The ELF under qemu-system-arm (mps2 boards).</summary>
    Qemu,

    /// <summary>The ELF in MicroGen's Cortex-M simulator (any MCU board): outputs plus cycles, stack and arena measurements.</summary>
    Simulator,
}
