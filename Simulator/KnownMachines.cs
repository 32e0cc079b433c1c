using MicroGen.Simulator.Core;
using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator;

/// <summary>
/// Machine descriptions of the boards MicroGen targets, as the simulator sees them. The lead's board
/// files are the source of truth; these presets serve tests, the benchmark and as examples.
/// </summary>
public static class KnownMachines
{
    /// <summary>QEMU's mps2-an385 (Cortex-M3, 25 MHz): 4 MB SSRAM1 at 0 (code), 4 MB SSRAM2/3 at 0x20000000, CMSDK UART0 at 0x40004000.</summary>
    public static MachineDescription Mps2An385 { get; } = Mps2("MPS2-AN385", CoreKind.CortexM3, FpuKind.None, dsp: false);

    /// <summary>QEMU's mps2-an386 (Cortex-M4F).</summary>
    public static MachineDescription Mps2An386 { get; } = Mps2("MPS2-AN386", CoreKind.CortexM4, FpuKind.FpV4Sp, dsp: true);

    /// <summary>QEMU's mps2-an500 (Cortex-M7, single-precision FPU as modelled here).</summary>
    public static MachineDescription Mps2An500 { get; } = Mps2("MPS2-AN500", CoreKind.CortexM7, FpuKind.FpV5Sp, dsp: true);

    /// <summary>STM32F746G-DISCO: M7 FPv5-SP 216 MHz, 1 MB flash (7 wait states, ITCM alias at 0x00200000), DTCM + SRAM1/2, USART1 (F7 layout).</summary>
    public static MachineDescription Stm32F746Disco { get; } = new(
        "STM32F746G-DISCO",
        CoreKind.CortexM7,
        FpuKind.FpV5Sp,
        Dsp: true,
        ClockHz: 216_000_000,
        Memory:
        [
            new MemoryRegionSpec("flash", 0x0800_0000, 1024 * 1024, MemoryKind.Flash, WaitStates: 7),
            new MemoryRegionSpec("itcm-flash", 0x0020_0000, 1024 * 1024, MemoryKind.Flash, WaitStates: 7, AliasOf: "flash"),
            new MemoryRegionSpec("dtcm", 0x2000_0000, 64 * 1024, MemoryKind.Ram),
            new MemoryRegionSpec("sram", 0x2001_0000, 256 * 1024, MemoryKind.Ram),
        ],
        Console: new ConsoleSpec(ConsoleKind.Stm32UsartF7, 0x4001_1000, Interrupt: 37),
        IgnoredPeripherals: [new IgnoredPeripheralSpec("stm32-peripherals", 0x4000_0000, 0x2000_0000)],
        InterruptCount: 98);

    /// <summary>STM32F407G-DISC1: M4F 168 MHz, 1 MB flash (5 wait states), 128 KB SRAM + 64 KB CCM, USART2 (F4 layout).</summary>
    public static MachineDescription Stm32F407Disco { get; } = new(
        "STM32F407G-DISC1",
        CoreKind.CortexM4,
        FpuKind.FpV4Sp,
        Dsp: true,
        ClockHz: 168_000_000,
        Memory:
        [
            new MemoryRegionSpec("flash", 0x0800_0000, 1024 * 1024, MemoryKind.Flash, WaitStates: 5),
            new MemoryRegionSpec("ccm", 0x1000_0000, 64 * 1024, MemoryKind.Ram),
            new MemoryRegionSpec("sram", 0x2000_0000, 128 * 1024, MemoryKind.Ram),
        ],
        Console: new ConsoleSpec(ConsoleKind.Stm32UsartF4, 0x4000_4400, Interrupt: 38),
        IgnoredPeripherals: [new IgnoredPeripheralSpec("stm32-peripherals", 0x4000_0000, 0x2000_0000)],
        InterruptCount: 82);

    /// <summary>nRF52840-DK: M4F 64 MHz, 1 MB flash at 0, 256 KB RAM, UARTE0 at 0x40002000.</summary>
    public static MachineDescription Nrf52840Dk { get; } = new(
        "nRF52840-DK",
        CoreKind.CortexM4,
        FpuKind.FpV4Sp,
        Dsp: true,
        ClockHz: 64_000_000,
        Memory:
        [
            new MemoryRegionSpec("flash", 0x0000_0000, 1024 * 1024, MemoryKind.Flash),
            new MemoryRegionSpec("ram", 0x2000_0000, 256 * 1024, MemoryKind.Ram),
        ],
        Console: new ConsoleSpec(ConsoleKind.NrfUarte, 0x4000_2000, Interrupt: 2),
        IgnoredPeripherals: [new IgnoredPeripheralSpec("nrf-peripherals", 0x4000_0000, 0x2000_0000)],
        InterruptCount: 48,
        PriorityBits: 3);

    /// <summary>An STM32L0 Cortex-M0+ board: 32 MHz, 192 KB flash (1 wait state), 20 KB RAM, USART2 (L0/F7 layout).</summary>
    public static MachineDescription Stm32L0 { get; } = new(
        "STM32L0",
        CoreKind.CortexM0Plus,
        FpuKind.None,
        Dsp: false,
        ClockHz: 32_000_000,
        Memory:
        [
            new MemoryRegionSpec("flash", 0x0800_0000, 192 * 1024, MemoryKind.Flash, WaitStates: 1),
            new MemoryRegionSpec("ram", 0x2000_0000, 20 * 1024, MemoryKind.Ram),
        ],
        Console: new ConsoleSpec(ConsoleKind.Stm32UsartF7, 0x4000_4400, Interrupt: 28),
        IgnoredPeripherals: [new IgnoredPeripheralSpec("stm32-peripherals", 0x4000_0000, 0x1000_0000)],
        InterruptCount: 32,
        PriorityBits: 2);

    private static MachineDescription Mps2(string name, CoreKind core, FpuKind fpu, bool dsp) => new(
        name,
        core,
        fpu,
        dsp,
        ClockHz: 25_000_000,
        Memory:
        [
            new MemoryRegionSpec("ssram1", 0x0000_0000, 4 * 1024 * 1024, MemoryKind.Flash),
            new MemoryRegionSpec("ssram23", 0x2000_0000, 4 * 1024 * 1024, MemoryKind.Ram),
        ],
        Console: new ConsoleSpec(ConsoleKind.CmsdkUart, 0x4000_4000),
        InterruptCount: 32,
        PriorityBits: 3);
}
