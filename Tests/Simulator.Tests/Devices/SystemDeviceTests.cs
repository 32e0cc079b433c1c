using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Devices;

/// <summary>NVIC, DWT and the decode cache under self-modifying code, on every core that has them.</summary>
public sealed class SystemDeviceTests
{
    [TestCaseSource(typeof(TestCore), nameof(TestCore.WithQemu))]
    public void DwtCycleCounterCountsModelledCycles(TestCore core)
    {
        string elf = FirmwareBuilder.Build(core, "-O2 -DCHECK_DWT", "c/irq.c");

        SimulationResult result = CortexMSimulator.Run(core.Machine, elf);

        // Interrupt order: 1 (PRIMASK holds 5), 5 preempts, 5 pends 3 (lower priority, runs after 5 returns),
        // 2, 4 (BASEPRI 0x80 holds 3 at 0xC0), then 3 once BASEPRI is cleared.
        Assert.That(result.ConsoleText, Is.EqualTo("order=1 5 50 3 2 4 3 cyccnt counts\n"));
    }

    [TestCaseSource(typeof(TestCore), nameof(TestCore.All))]
    public void RewrittenCodeInRamIsDecodedAgain(TestCore core)
    {
        string elf = FirmwareBuilder.Build(core, "-O2", "c/selfmod.c");

        SimulationResult result = CortexMSimulator.Run(core.Machine, elf);

        Assert.That((result.ConsoleText, result.ExitCode), Is.EqualTo(("first=1 second=42\n", (int?)42)));
    }
}
