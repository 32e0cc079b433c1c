using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Firmware;

/// <summary>The same ELF on qemu-system-arm (mps2-an385/386/500) and in the simulator: identical console output and exit status.</summary>
[Category("Qemu")]
public sealed class QemuDifferentialTests
{
    private static readonly string[] Programs = ["c/hello.c", "c/float_math.c", "c/int_math.c", "c/exceptions.c", "c/irq.c", "c/selfmod.c"];

    public static IEnumerable<TestCaseData> Cases() =>
        from core in TestCore.WithQemu
        from program in Programs
        from optimization in new[] { "-O0", "-O2" }
        select new TestCaseData(core, program, optimization).SetName($"{core.Name} {program} {optimization}");

    [TestCaseSource(nameof(Cases))]
    public void SameConsoleAndExitStatusAsQemu(TestCore core, string program, string optimization)
    {
        string elf = FirmwareBuilder.Build(core, optimization, program);
        (int qemuExit, string qemuConsole) = QemuRunner.Run(core.QemuMachine!, elf);

        SimulationResult result = CortexMSimulator.Run(core.Machine, elf, new RunOptions(MaxInstructions: 200_000_000, StopOnFault: false));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(MicroGen.Simulator.Core.StopReason.SemihostingExit), result.Fault?.Description);
            Assert.That(result.ConsoleText, Is.EqualTo(qemuConsole));
            Assert.That(result.ExitCode, Is.EqualTo(qemuExit));
        });
    }
}
