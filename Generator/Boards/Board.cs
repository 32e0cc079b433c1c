using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Boards;

/// <summary>
/// A board profile (boards/NAME.json): core and its extensions, clock, memory regions and where the arena, stack and
/// data go, the console, and the emulators that model it.
/// </summary>
public sealed record Board(
    string Name,
    string Description,
    CoreKind Core,
    FpuKind Fpu,
    bool Dsp,
    long ClockHz,
    EquatableArray<MemoryRegion> Flash,
    EquatableArray<MemoryRegion> Ram,
    string ArenaRegion,
    string StackRegion,
    long StackBytes,
    BoardConsole Console,
    bool Semihosting,
    string? QemuMachine,
    string? RenodePlatform,
    string? RenodeUart,
    EquatableArray<MemoryRegion> IgnoredPeripherals,
    EquatableArray<KeyValuePair<string, string>> ConsoleDefines,
    string SourceFile)
{
    public bool IsHost => Core == CoreKind.Host;

    public TargetFeatures Target => new(Dsp, Fpu != FpuKind.None, FlashBytes: IsHost ? long.MaxValue : CodeRegion.Size, PointerBytes: IsHost ? 8 : 4);

    public MemoryRegion RamRegion(string name) => Ram.First(r => r.Name == name);

    /// <summary>The gcc -mcpu value.</summary>
    public string GccCpu => Core switch
    {
        CoreKind.CortexM0Plus => "cortex-m0plus",
        CoreKind.CortexM3 => "cortex-m3",
        CoreKind.CortexM4 => "cortex-m4",
        CoreKind.CortexM7 => "cortex-m7",
        CoreKind.CortexM33 => "cortex-m33",
        _ => "",
    };

    public string CoreName => Core == CoreKind.Host ? "host" : GccCpu;

    /// <summary>gcc's floating-point options for this core and FPU.</summary>
    public string GccFloatFlags => Fpu switch
    {
        FpuKind.Fpv4Sp => "-mfloat-abi=hard -mfpu=fpv4-sp-d16",
        FpuKind.Fpv5Sp => "-mfloat-abi=hard -mfpu=fpv5-sp-d16",
        FpuKind.Fpv5Dp => "-mfloat-abi=hard -mfpu=fpv5-d16",
        _ => "-mfloat-abi=soft",
    };

    /// <summary>The flash region code and constants go to (the first one).</summary>
    public MemoryRegion CodeRegion => Flash[0];

    public long TotalFlashBytes => Flash.Sum(r => r.Size);

    public long TotalRamBytes => Ram.Sum(r => r.Size);
}
