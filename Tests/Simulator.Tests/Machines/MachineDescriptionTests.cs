using MicroGen.Simulator.Core;
using MicroGen.Simulator.Devices;
using MicroGen.Simulator.Memory;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Machines;

/// <summary>Machine descriptions: validation, wait states, aliases, ignored peripherals, the board presets.</summary>
public sealed class MachineDescriptionTests
{
    [Test]
    public void BoardPresetsAreValid()
    {
        MachineDescription[] boards = [KnownMachines.Mps2An385, KnownMachines.Mps2An386, KnownMachines.Mps2An500, KnownMachines.Stm32F746Disco, KnownMachines.Stm32F407Disco, KnownMachines.Nrf52840Dk, KnownMachines.Stm32L0];

        Assert.That(boards.SelectMany(b => b.Validate()), Is.Empty);
    }

    [Test]
    public void ValidationNamesEveryProblem()
    {
        MachineDescription bad = KnownMachines.Mps2An385 with
        {
            Dsp = true,
            ClockHz = 0,
            Memory =
            [
                new MemoryRegionSpec("a", 0, 0x1000, MemoryKind.Flash),
                new MemoryRegionSpec("b", 0x800, 0x1000, MemoryKind.Ram),
                new MemoryRegionSpec("c", 0x1_0000, 0x100, MemoryKind.Flash, AliasOf: "nowhere"),
            ],
        };

        IReadOnlyList<string> errors = bad.Validate();

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("clock"));
            Assert.That(errors, Has.Some.Contains("no DSP extension"));
            Assert.That(errors, Has.Some.Contains("a and b overlap"));
            Assert.That(errors, Has.Some.Contains("unknown region nowhere"));
        });
    }

    [Test]
    public void InvalidMachineIsASetupErrorNotAnException()
    {
        string elf = FirmwareBuilder.Build(TestCore.M3, "-O2", "c/hello.c");

        SimulationResult result = CortexMSimulator.Run(KnownMachines.Mps2An385 with { ClockHz = 0 }, elf);

        Assert.That((result.StopReason, result.Error), Is.EqualTo((StopReason.SetupError, "MPS2-AN385: the clock must be above 0 Hz")));
    }

    [Test]
    public void ElfThatDoesNotFitTheMemoryMapIsASetupError()
    {
        string elf = FirmwareBuilder.Build(TestCore.M3, "-O2", "c/hello.c");

        SimulationResult result = CortexMSimulator.Run(KnownMachines.Stm32F407Disco, elf);

        Assert.That(result.Error, Does.Contain("does not fit"));
    }

    [Test]
    public void FlashWaitStatesCostCyclesOnTheM4ButNotBehindTheM7Caches()
    {
        string m4Elf = FirmwareBuilder.Build(TestCore.M4, "-O2", "c/int_math.c");
        string m7Elf = FirmwareBuilder.Build(TestCore.M7, "-O2", "c/int_math.c");
        MachineDescription WithWaitStates(MachineDescription machine, int waitStates) =>
            machine with { Memory = [machine.Memory[0] with { WaitStates = waitStates }, machine.Memory[1]] };

        SimulationResult m4Fast = CortexMSimulator.Run(TestCore.M4.Machine, m4Elf);
        SimulationResult m4Slow = CortexMSimulator.Run(WithWaitStates(TestCore.M4.Machine, 5), m4Elf);
        SimulationResult m7Fast = CortexMSimulator.Run(TestCore.M7.Machine, m7Elf);
        SimulationResult m7Slow = CortexMSimulator.Run(WithWaitStates(TestCore.M7.Machine, 7), m7Elf);

        Assert.Multiple(() =>
        {
            Assert.That(m4Slow.Instructions, Is.EqualTo(m4Fast.Instructions));
            Assert.That(m4Slow.Cycles, Is.GreaterThan(m4Fast.Cycles + (m4Fast.Cycles / 10)));
            Assert.That(m7Slow.Cycles, Is.EqualTo(m7Fast.Cycles));
        });
    }

    [Test]
    public void CortexM33RunsArmv7EmCode()
    {
        string elf = FirmwareBuilder.Build(TestCore.M4, "-O2", "c/float_math.c");
        MachineDescription m33 = TestCore.M4.Machine with { Core = CoreKind.CortexM33, Fpu = FpuKind.FpV5Sp };

        SimulationResult m4 = CortexMSimulator.Run(TestCore.M4.Machine, elf);
        SimulationResult result = CortexMSimulator.Run(m33, elf);

        Assert.That((result.StopReason, result.ConsoleText), Is.EqualTo((StopReason.SemihostingExit, m4.ConsoleText)));
    }

    [Test]
    public void IgnoredPeripheralReadsResetValuesAndIgnoresWrites()
    {
        var peripheral = new IgnoredPeripheral(0x400, new Dictionary<uint, uint> { [0x00] = 0x0303_0000 });

        peripheral.Write(0x00, 0xFFFF_FFFF, 4);

        Assert.Multiple(() =>
        {
            Assert.That(peripheral.Read(0x00, 4), Is.EqualTo(0x0303_0000u));
            Assert.That(peripheral.Read(0x02, 1), Is.EqualTo(0x03u));
            Assert.That(peripheral.Read(0x10, 4), Is.EqualTo(0u));
        });
    }

    [Test]
    public void AliasRegionSharesTheBytesOfItsTarget()
    {
        var bus = new Bus();
        var flash = new MemoryRegion("flash", 0x0800_0000, 0x1000, MemoryKind.Flash, 0);
        bus.AddRegion(flash);
        bus.AddRegion(new MemoryRegion("itcm", 0x0020_0000, 0x1000, MemoryKind.Flash, 0, flash.Data));

        bus.TryPoke(0x0800_0010, [0x78, 0x56, 0x34, 0x12]);

        Assert.That(bus.Read32(0x0020_0010), Is.EqualTo(0x1234_5678u));
    }
}
