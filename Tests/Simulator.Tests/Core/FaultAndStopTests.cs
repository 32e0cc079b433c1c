using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Core;

/// <summary>Each core accepts only its own instructions; bad accesses are faults with PC and address; every stop has a reason.</summary>
public sealed class FaultAndStopTests
{
    private static SimulationResult RunCase(TestCore core, string caseName, RunOptions? options = null)
    {
        string elf = FirmwareBuilder.Build(core, $"-O1 -DCASE_{caseName}", "asm/snippets.S");
        return CortexMSimulator.Run(core.Machine, elf, options ?? new RunOptions(MaxInstructions: 100_000));
    }

    private static uint SymbolAddress(TestCore core, string caseName, string symbol)
    {
        string elf = FirmwareBuilder.Build(core, $"-O1 -DCASE_{caseName}", "asm/snippets.S");
        Assert.That(Elf.ElfImage.TryLoad(elf, out Elf.ElfImage? image, out string error), Is.True, error);
        return image!.FindSymbol(symbol)!.Address;
    }

    [TestCase("SDIV")]
    [TestCase("WIDE_ADD")]
    public void CortexM0PlusRaisesHardFaultForThumb2Encodings(string caseName)
    {
        SimulationResult result = RunCase(TestCore.M0Plus, caseName);

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.Fault));
            Assert.That(result.Fault!.Kind, Is.EqualTo(FaultKind.HardFault), "ARMv6-M has no UsageFault");
            Assert.That(result.Fault.Reason, Is.EqualTo(FaultReason.UndefInstr));
            Assert.That(result.Fault.Pc, Is.EqualTo(result.StopPc));
        });
    }

    [Test]
    public void CortexM3EscalatesUndefinedDspToHardFaultWhenUsageFaultIsDisabled()
    {
        SimulationResult result = RunCase(TestCore.M3, "DSP");

        Assert.That((result.Fault!.Kind, result.Fault.Reason), Is.EqualTo((FaultKind.HardFault, FaultReason.UndefInstr)));
    }

    [Test]
    public void CortexM3ReportsUsageFaultUndefInstrForDspWhenEnabled()
    {
        SimulationResult result = RunCase(TestCore.M3, "DSP_USAGEFAULT_ENABLED");

        Assert.That((result.Fault!.Kind, result.Fault.Reason), Is.EqualTo((FaultKind.UsageFault, FaultReason.UndefInstr)));
    }

    [Test]
    public void CortexM3ReportsFloatingPointAsUndefinedOrNoCoprocessor()
    {
        SimulationResult result = RunCase(TestCore.M3, "FPU");

        Assert.That(result.Fault!.Reason, Is.EqualTo(FaultReason.UndefInstr));
    }

    [Test]
    public void CortexM4WithCoprocessorDisabledRaisesNoCp()
    {
        // The M4 build of the startup enables CP10/CP11; a machine without it must say NOCP: use the M3-compiled code on an M4F.
        string elf = FirmwareBuilder.Build(TestCore.M3, "-O1 -DCASE_FPU", "asm/snippets.S");

        SimulationResult result = CortexMSimulator.Run(TestCore.M4.Machine, elf, new RunOptions(MaxInstructions: 10_000));

        Assert.That((result.Fault!.Kind, result.Fault.Reason), Is.EqualTo((FaultKind.HardFault, FaultReason.NoCp)));
    }

    [TestCaseSource(typeof(TestCore), nameof(TestCore.All))]
    public void UnmappedLoadIsAPreciseBusFaultWithTheAddress(TestCore core)
    {
        SimulationResult result = RunCase(core, "UNMAPPED_LOAD");

        Assert.Multiple(() =>
        {
            Assert.That(result.Fault!.Reason, Is.EqualTo(FaultReason.PreciseErr));
            Assert.That(result.Fault.Address, Is.EqualTo(0x3000_0010u));
            Assert.That(result.Fault.Description, Does.Contain("0x30000010"));
        });
    }

    [Test]
    public void UnmappedStoreWithBusFaultEnabledIsABusFault()
    {
        SimulationResult result = RunCase(TestCore.M4, "UNMAPPED_STORE_ENABLED");

        Assert.That((result.Fault!.Kind, result.Fault.Reason, result.Fault.Address), Is.EqualTo((FaultKind.BusFault, FaultReason.PreciseErr, (uint?)0x5000_0004u)));
    }

    [Test]
    public void StoreToFlashIsABusFault()
    {
        SimulationResult result = RunCase(TestCore.M3, "FLASH_STORE");

        Assert.That((result.Fault!.Reason, result.Fault.Address), Is.EqualTo((FaultReason.PreciseErr, (uint?)0x1000u)));
    }

    [Test]
    public void DivideByZeroTrapsWhenCcrAsksForIt()
    {
        SimulationResult result = RunCase(TestCore.M3, "DIV0_TRAP");

        Assert.That(result.Fault!.Reason, Is.EqualTo(FaultReason.DivByZero));
    }

    [Test]
    public void UnalignedLoadMultipleIsAnUnalignedUsageFault()
    {
        SimulationResult result = RunCase(TestCore.M4, "UNALIGNED_LDM");

        Assert.That((result.Fault!.Reason, result.Fault.Address), Is.EqualTo((FaultReason.Unaligned, (uint?)0x2000_0002u)));
    }

    [Test]
    public void BranchToArmStateIsInvState()
    {
        SimulationResult result = RunCase(TestCore.M3, "ARM_STATE");

        Assert.Multiple(() =>
        {
            Assert.That(result.Fault!.Reason, Is.EqualTo(FaultReason.InvState));
            Assert.That(result.Fault.Pc, Is.EqualTo(SymbolAddress(TestCore.M3, "ARM_STATE", "target")));
        });
    }

    [TestCaseSource(typeof(TestCore), nameof(TestCore.All))]
    public void RunawayProgramStopsAtTheInstructionLimit(TestCore core)
    {
        SimulationResult result = RunCase(core, "RUNAWAY", new RunOptions(MaxInstructions: 5_000));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.InstructionLimit));
            Assert.That(result.Instructions, Is.EqualTo(5_000));
            Assert.That(result.Fault, Is.Null);
        });
    }

    [Test]
    public void BranchToItselfEndsTheRunAsAnIdleLoop()
    {
        SimulationResult result = RunCase(TestCore.M4, "IDLE");

        Assert.That((result.StopReason, result.StopPc), Is.EqualTo((StopReason.IdleLoop, SymbolAddress(TestCore.M4, "IDLE", "main"))));
    }

    [Test]
    public void IdleLoopEndsTheRunEvenWithSysTickRunning()
    {
        SimulationResult result = RunCase(TestCore.M3, "IDLE_WITH_SYSTICK", new RunOptions(MaxInstructions: 1_000_000));

        Assert.That(result.StopReason, Is.EqualTo(StopReason.IdleLoop));
    }

    [Test]
    public void BreakpointOtherThanSemihostingStops()
    {
        SimulationResult result = RunCase(TestCore.M0Plus, "BKPT");

        Assert.That((result.StopReason, result.StopPc), Is.EqualTo((StopReason.Breakpoint, SymbolAddress(TestCore.M0Plus, "BKPT", "main"))));
    }

    [TestCase(0x20026u, 0, Description = "ADP_Stopped_ApplicationExit")]
    [TestCase(0x20023u, 1, Description = "ADP_Stopped_RunTimeErrorUnknown")]
    public void SysExitGivesZeroOnlyForApplicationExit(uint reason, int expectedExitCode)
    {
        string elf = FirmwareBuilder.Build(TestCore.M0Plus, $"-O1 -DCASE_SYS_EXIT -DSYS_EXIT_REASON=0x{reason:X}", "asm/snippets.S");

        SimulationResult result = CortexMSimulator.Run(TestCore.M0Plus.Machine, elf);

        Assert.That((result.StopReason, result.ExitCode), Is.EqualTo((StopReason.SemihostingExit, (int?)expectedExitCode)));
    }

    [Test]
    public void WaitForInterruptWithNothingToWakeStops()
    {
        SimulationResult result = RunCase(TestCore.M3, "WFI");

        Assert.That(result.StopReason, Is.EqualTo(StopReason.SleepForever));
    }

    [Test]
    public void FaultHandlerTakenWhenNotStoppingOnFaults()
    {
        // The default HardFault handler of the test startup is "b .": the run ends in that idle loop, the fault recorded.
        SimulationResult result = RunCase(TestCore.M3, "UNMAPPED_LOAD", new RunOptions(MaxInstructions: 10_000, StopOnFault: false));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.IdleLoop));
            Assert.That(result.Fault!.Reason, Is.EqualTo(FaultReason.PreciseErr));
        });
    }
}
