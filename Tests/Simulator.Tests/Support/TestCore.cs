using MicroGen.Simulator.Core;

namespace MicroGen.Simulator.Tests.Support;

/// <summary>A core under test: its compiler flags, machine description and QEMU machine (if QEMU models it).</summary>
public sealed record TestCore(string Name, string CompilerFlags, MachineDescription Machine, string? QemuMachine)
{
    public static TestCore M0Plus { get; } = new("m0plus", "-mcpu=cortex-m0plus -mfloat-abi=soft", Mps2Like(KnownMachines.Mps2An385, CoreKind.CortexM0Plus), null);

    public static TestCore M3 { get; } = new("m3", "-mcpu=cortex-m3 -mfloat-abi=soft", KnownMachines.Mps2An385, "mps2-an385");

    public static TestCore M4 { get; } = new("m4", "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16", KnownMachines.Mps2An386, "mps2-an386");

    public static TestCore M7 { get; } = new("m7", "-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-sp-d16", KnownMachines.Mps2An500, "mps2-an500");

    public static IEnumerable<TestCore> All => [M0Plus, M3, M4, M7];

    public static IEnumerable<TestCore> WithQemu => [M3, M4, M7];

    public override string ToString() => Name;

    /// <summary>The MPS2 memory map with another core (there is no M0+ MPS2 image in QEMU; the map is the same).</summary>
    private static MachineDescription Mps2Like(MachineDescription template, CoreKind core) =>
        template with { Name = "MPS2-like " + core, Core = core, Fpu = FpuKind.None, Dsp = false, PriorityBits = 2 };
}
