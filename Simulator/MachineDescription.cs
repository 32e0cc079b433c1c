using MicroGen.Simulator.Core;
using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator;

/// <summary>
/// What the simulator needs to know about a board: core, FPU, DSP extension, clock, memory map,
/// console device and peripheral ranges to ignore.
/// </summary>
/// <param name="Name">Board name, for messages.</param>
/// <param name="Core">The CPU core.</param>
/// <param name="Fpu">The floating-point unit (M4F: FpV4Sp, M7/M33: FpV5Sp).</param>
/// <param name="Dsp">ARMv7E-M DSP extension present (M4, M7; optional on M33).</param>
/// <param name="ClockHz">Core clock in Hz.</param>
/// <param name="Memory">Flash and RAM regions with their wait states.</param>
/// <param name="Console">The console UART, or null for semihosting only.</param>
/// <param name="IgnoredPeripherals">Peripheral ranges that read as their reset values and ignore writes.</param>
/// <param name="VectorTableAddress">Initial VTOR (boot address); null means the origin of the first flash region.</param>
/// <param name="Semihosting">Whether BKPT 0xAB is served as semihosting.</param>
/// <param name="InterruptCount">Number of external interrupts of the NVIC.</param>
/// <param name="PriorityBits">Implemented priority bits (M0+: 2, STM32: 4, MPS2: 3).</param>
public sealed record MachineDescription(
    string Name,
    CoreKind Core,
    FpuKind Fpu,
    bool Dsp,
    ulong ClockHz,
    IReadOnlyList<MemoryRegionSpec> Memory,
    ConsoleSpec? Console = null,
    IReadOnlyList<IgnoredPeripheralSpec>? IgnoredPeripherals = null,
    uint? VectorTableAddress = null,
    bool Semihosting = true,
    int InterruptCount = 96,
    int PriorityBits = 4)
{
    /// <summary>Every problem of the description, as readable sentences (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ClockHz == 0)
        {
            errors.Add($"{Name}: the clock must be above 0 Hz");
        }

        if (Memory.Count == 0)
        {
            errors.Add($"{Name}: at least one memory region is needed");
        }

        if (Core is CoreKind.CortexM0Plus or CoreKind.CortexM3 && (Dsp || Fpu != FpuKind.None))
        {
            errors.Add($"{Name}: {Core} has no DSP extension and no FPU");
        }

        if (Core == CoreKind.CortexM4 && Fpu == FpuKind.FpV5Sp)
        {
            errors.Add($"{Name}: a Cortex-M4 FPU is FPv4-SP");
        }

        if (InterruptCount is < 1 or > 480 || PriorityBits is < 2 or > 8)
        {
            errors.Add($"{Name}: interrupt count must be 1-480 and priority bits 2-8");
        }

        foreach (MemoryRegionSpec region in Memory)
        {
            if (region.Size == 0 || (ulong)region.Origin + region.Size > 0x1_0000_0000UL)
            {
                errors.Add($"{Name}: memory region {region.Name} (0x{region.Origin:X8}, {region.Size} bytes) is empty or runs past 4 GB");
            }

            if (region.WaitStates is < 0 or > 15)
            {
                errors.Add($"{Name}: memory region {region.Name} has {region.WaitStates} wait states (0-15 expected)");
            }

            if (region.AliasOf is string target && Memory.FirstOrDefault(r => r.Name == target && r.AliasOf is null) is not { } aliased)
            {
                errors.Add($"{Name}: memory region {region.Name} aliases unknown region {target}");
            }
            else if (region.AliasOf is string t2 && Memory.First(r => r.Name == t2).Size < region.Size)
            {
                errors.Add($"{Name}: alias {region.Name} is larger than {t2}");
            }
        }

        for (int i = 0; i < Memory.Count; i++)
        {
            for (int j = i + 1; j < Memory.Count; j++)
            {
                MemoryRegionSpec a = Memory[i], b = Memory[j];
                if (a.Origin < (ulong)b.Origin + b.Size && b.Origin < (ulong)a.Origin + a.Size)
                {
                    errors.Add($"{Name}: memory regions {a.Name} and {b.Name} overlap");
                }
            }
        }

        return errors;
    }

    /// <summary>The architecture features of this core configuration.</summary>
    public Decode.FeatureSet Features
    {
        get
        {
            Decode.FeatureSet features = Decode.FeatureSet.V6M;
            if (Core != CoreKind.CortexM0Plus)
            {
                features |= Decode.FeatureSet.V7M;
            }

            if (Core == CoreKind.CortexM33)
            {
                features |= Decode.FeatureSet.V8M;
            }

            if (Dsp && Core is not (CoreKind.CortexM0Plus or CoreKind.CortexM3))
            {
                features |= Decode.FeatureSet.Dsp;
            }

            features |= Fpu switch
            {
                FpuKind.FpV4Sp => Decode.FeatureSet.FpV4,
                FpuKind.FpV5Sp => Decode.FeatureSet.FpV4 | Decode.FeatureSet.FpV5,
                _ => Decode.FeatureSet.None,
            };
            return features;
        }
    }

    internal uint BootAddress => VectorTableAddress ?? Memory.FirstOrDefault(r => r.Kind == MemoryKind.Flash)?.Origin ?? Memory[0].Origin;
}
