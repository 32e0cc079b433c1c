using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Firmware;

/// <summary>A C program printing through semihosting runs on every core and exits with main's value.</summary>
public sealed class HelloTests
{
    private const string Expected = "hello from the simulator\nfib(15)=610\n";

    [TestCaseSource(typeof(TestCore), nameof(TestCore.All))]
    public void PrintsAndExits(TestCore core)
    {
        string elf = FirmwareBuilder.Build(core, "-O2", "c/hello.c");

        SimulationResult result = CortexMSimulator.Run(core.Machine, elf);

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Fault, Is.Null, result.Fault?.Description);
            Assert.That(result.StopReason, Is.EqualTo(StopReason.SemihostingExit));
            Assert.That(result.ConsoleText, Is.EqualTo(Expected));
            Assert.That(result.ExitCode, Is.EqualTo(7));
            Assert.That(result.Instructions, Is.GreaterThan(1000));
            Assert.That(result.Cycles, Is.GreaterThanOrEqualTo(result.Instructions / 2));
        });
    }
}
