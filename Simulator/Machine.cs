using MicroGen.Simulator.Core;
using MicroGen.Simulator.Devices;
using MicroGen.Simulator.Elf;
using MicroGen.Simulator.Memory;
using MicroGen.Simulator.Semihosting;
using MicroGen.Simulator.Timing;

namespace MicroGen.Simulator;

/// <summary>
/// A board built from a <see cref="MachineDescription"/> with a firmware image loaded: bus, core,
/// system devices, console. Use <see cref="TryCreate"/>, then <see cref="Run"/> (or <see cref="Cpu"/>.Step for lockstep).
/// </summary>
public sealed class Machine
{
    private readonly MachineDescription description;
    private readonly RunOptions options;
    private readonly ElfImage image;
    private readonly ConsoleSink console;
    private readonly SemihostingService? semihosting;
    private readonly ExecutionMonitor? monitor;
    private readonly uint initialSp;

    private Machine(MachineDescription description, RunOptions options, ElfImage image)
    {
        this.description = description;
        this.options = options;
        this.image = image;
        Bus = new Bus();
        var arrays = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (MemoryRegionSpec spec in description.Memory.OrderBy(r => r.AliasOf is null ? 0 : 1))
        {
            byte[]? shared = spec.AliasOf is null ? null : arrays[spec.AliasOf];
            var region = new MemoryRegion(spec.Name, spec.Origin, spec.Size, spec.Kind, spec.WaitStates, shared);
            arrays[spec.Name] = region.Data;
            Bus.AddRegion(region);
        }

        var exceptions = new ExceptionState(description.InterruptCount, description.Core == CoreKind.CortexM0Plus ? 2 : description.PriorityBits);
        var timing = new CycleModel(CortexTimings.For(description.Core), Bus.Regions);
        Cpu = new Cpu(description.Core, description.Features, Bus, timing, exceptions) { StopOnFault = options.StopOnFault };
        console = new ConsoleSink(options.ConsoleInput);
        AddSystemDevices(exceptions);
        AddConsole(exceptions);
        foreach (IgnoredPeripheralSpec ignored in description.IgnoredPeripherals ?? [])
        {
            Bus.AddPeripheral(ignored.Origin, new IgnoredPeripheral(ignored.Size, ignored.ResetValues ?? new Dictionary<uint, uint>()), ignored.Name);
        }

        if (description.Semihosting)
        {
            semihosting = new SemihostingService(console, options.VirtualFiles ?? new Dictionary<string, byte[]>(), description.ClockHz);
            Cpu.Semihosting = semihosting;
        }

        LoadImage();
        monitor = CreateMonitor();
        ElfSymbol? start = options.StartSymbol is null ? null : image.FindSymbol(options.StartSymbol);
        if (monitor is not null && start is not null)
        {
            monitor.StartAt(start.Address, ApplyPatches);
        }
        else
        {
            ApplyPatches();
        }

        Cpu.Monitor = monitor;
        Cpu.Reset(description.BootAddress);
        initialSp = Cpu.GetRegister(13);
    }

    public Cpu Cpu { get; }

    public Bus Bus { get; }

    public ElfImage Image => image;

    public ConsoleSink Console => console;

    /// <summary>Builds the machine and loads the ELF; any user mistake comes back as <paramref name="error"/>.</summary>
    public static bool TryCreate(MachineDescription description, string elfPath, RunOptions options, out Machine? machine, out string error)
    {
        machine = null;
        if (!ElfImage.TryLoad(elfPath, out ElfImage? image, out error))
        {
            return false;
        }

        return TryCreate(description, image!, options, out machine, out error);
    }

    public static bool TryCreate(MachineDescription description, ElfImage image, RunOptions options, out Machine? machine, out string error)
    {
        machine = null;
        IReadOnlyList<string> problems = description.Validate();
        if (problems.Count > 0)
        {
            error = string.Join("; ", problems);
            return false;
        }

        if (!CheckImageFits(description, image, out error) || !CheckPatches(image, options, out error))
        {
            return false;
        }

        try
        {
            machine = new Machine(description, options, image);
        }
        catch (BusErrorException e)
        {
            error = $"the vector table at 0x{description.BootAddress:X8} cannot be read: {e.Message}";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Runs to a stop reason (or the instruction limit) and reports what was measured.</summary>
    public SimulationResult Run()
    {
        StopReason stop = Cpu.Run(options.MaxInstructions);
        if (stop == StopReason.None)
        {
            stop = StopReason.InstructionLimit;
        }

        return Result(stop);
    }

    /// <summary>The measurements so far (use after stepping by hand).</summary>
    public SimulationResult Result(StopReason stop)
    {
        ElfSymbol? limit = image.FindSymbol("__StackLimit");
        ulong cycles = Cpu.Cycles;
        return new SimulationResult(
            cycles,
            Cpu.Instructions,
            cycles * 1000.0 / description.ClockHz,
            initialSp >= Cpu.LowestSp ? initialSp - Cpu.LowestSp : 0,
            limit is not null && initialSp >= limit.Address ? initialSp - limit.Address : null,
            monitor?.ArenaHighWater ?? 0,
            monitor?.LayerStatistics(cycles, Cpu.Instructions) ?? [],
            semihosting?.ExitCode,
            console.Text,
            Cpu.LastFault,
            stop,
            Cpu.Pc,
            null);
    }

    private void AddSystemDevices(ExceptionState exceptions)
    {
        uint cpuid = description.Core switch
        {
            CoreKind.CortexM0Plus => 0x410C_C601,
            CoreKind.CortexM3 => 0x412F_C231,
            CoreKind.CortexM4 => 0x410F_C241,
            CoreKind.CortexM7 => 0x411F_C272,
            _ => 0x410F_D214,
        };
        var sysTick = new SysTickTimer(exceptions, () => Cpu.Cycles, Cpu.RequestEventCheck, (uint)(description.ClockHz / 100) & 0xFF_FFFF);
        Cpu.SysTick = sysTick;
        Bus.AddPeripheral(SystemControlSpace.BaseAddress + 0x10, sysTick, "SysTick");
        Bus.AddPeripheral(SystemControlSpace.BaseAddress, new SystemControlSpace(Cpu.System, exceptions, cpuid, Cpu.IsV6M, Cpu.HasFpu, Cpu.RequestEventCheck), "SCS");
        if (!Cpu.IsV6M)
        {
            Bus.AddPeripheral(DataWatchpointTrace.BaseAddress, new DataWatchpointTrace(() => Cpu.Cycles), "DWT");
        }
    }

    private void AddConsole(ExceptionState exceptions)
    {
        if (description.Console is not ConsoleSpec spec)
        {
            return;
        }

        var irq = new InterruptLine(exceptions, spec.Interrupt, Cpu.RequestEventCheck);
        IPeripheral? device = spec.Kind switch
        {
            ConsoleKind.Stm32UsartF4 => new Stm32Usart(console, modernLayout: false, irq),
            ConsoleKind.Stm32UsartF7 => new Stm32Usart(console, modernLayout: true, irq),
            ConsoleKind.CmsdkUart => new CmsdkApbUart(console, irq),
            ConsoleKind.NrfUarte or ConsoleKind.NrfUart => new NrfUarte(console, address => (byte)Bus.Read8(address), irq),
            _ => null,
        };
        if (device is not null)
        {
            Bus.AddPeripheral(spec.BaseAddress, device, spec.Kind.ToString());
        }
    }

    private void LoadImage()
    {
        foreach (ElfSegment segment in image.Segments)
        {
            Bus.TryPoke(segment.PhysicalAddress, segment.FileBytes);
        }

    }

    private void ApplyPatches()
    {
        foreach (MemoryPatch patch in options.Patches ?? [])
        {
            ElfSymbol symbol = image.FindSymbol(patch.Symbol)!;
            Bus.TryPoke(symbol.Address + patch.Offset, patch.Bytes);
        }
    }

    private ExecutionMonitor? CreateMonitor()
    {
        var layers = image.Symbols
            .Where(s => s.IsFunction && s.Name.StartsWith(options.LayerPrefix, StringComparison.Ordinal) && options.LayerPrefix.Length > 0)
            .Select(s => (s.Name, s.Address))
            .ToList();
        ElfSymbol? arena = image.FindSymbol(options.ArenaSymbol);
        InstructionTracer? tracer = options.Trace is null ? null : new InstructionTracer(options.Trace);
        if (layers.Count == 0 && arena is null && tracer is null && options.WriteObserver is null && (options.Patches ?? []).Count == 0)
        {
            return null;
        }

        return new ExecutionMonitor(layers, arena?.Address ?? 0, arena?.Size ?? 0, options.WriteObserver, tracer);
    }

    private static bool CheckImageFits(MachineDescription description, ElfImage image, out string error)
    {
        foreach (ElfSegment segment in image.Segments)
        {
            if (segment.FileBytes.Length == 0)
            {
                continue;
            }

            uint first = segment.PhysicalAddress;
            uint last = first + (uint)segment.FileBytes.Length - 1;
            bool fits = description.Memory.Any(r => first - r.Origin < r.Size && last - r.Origin < r.Size && last >= first);
            if (!fits)
            {
                error = $"ELF segment 0x{first:X8}-0x{last:X8} ({segment.FileBytes.Length} bytes) does not fit in one memory region of {description.Name}";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    private static bool CheckPatches(ElfImage image, RunOptions options, out string error)
    {
        foreach (MemoryPatch patch in options.Patches ?? [])
        {
            ElfSymbol? symbol = image.FindSymbol(patch.Symbol);
            if (symbol is null)
            {
                error = $"memory patch: symbol '{patch.Symbol}' is not in the ELF symbol table";
                return false;
            }

            if ((ulong)patch.Offset + (ulong)patch.Bytes.Length > symbol.Size)
            {
                error = $"memory patch: {patch.Bytes.Length} bytes at offset {patch.Offset} overflow '{patch.Symbol}' ({symbol.Size} bytes)";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }
}
