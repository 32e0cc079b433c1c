using MicroGen.Simulator.Decode;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Lockstep;

/// <summary>
/// The assembly corpus (one program per ARM ARM chapter) and C programs run instruction by instruction
/// in QEMU and in the simulator, comparing all core registers and xPSR (and FP registers on M4/M7).
/// </summary>
[Category("Qemu")]
[NonParallelizable]
public sealed class LockstepTests
{
    private readonly HashSet<OpCode> exercised = [];

    public static IEnumerable<TestCaseData> Cases()
    {
        // The ARMv6-M corpus runs on the simulator as a Cortex-M0+ against QEMU's Cortex-M3 (QEMU has no M0+).
        yield return new TestCaseData(TestCore.M0Plus, "mps2-an385", "asm/v6m.S").SetName("m0plus asm/v6m.S");
        foreach (TestCore core in TestCore.WithQemu)
        {
            foreach (string program in new[] { "asm/v6m.S", "asm/v7m_data.S", "asm/v7m_loadstore.S" })
            {
                yield return new TestCaseData(core, core.QemuMachine, program).SetName($"{core.Name} {program}");
            }
        }

        foreach (TestCore core in new[] { TestCore.M4, TestCore.M7 })
        {
            foreach (string program in new[] { "asm/dsp.S", "asm/fpu.S" })
            {
                yield return new TestCaseData(core, core.QemuMachine, program).SetName($"{core.Name} {program}");
            }
        }

        yield return new TestCaseData(TestCore.M7, "mps2-an500", "asm/fpv5.S").SetName("m7 asm/fpv5.S");

        // Compiled C: the instruction mix of real code, including library routines.
        yield return new TestCaseData(TestCore.M4, "mps2-an386", "c/int_math.c").SetName("m4 c/int_math.c").SetCategory("Slow");
        yield return new TestCaseData(TestCore.M7, "mps2-an500", "c/float_math.c").SetName("m7 c/float_math.c").SetCategory("Slow");
    }

    [TestCaseSource(nameof(Cases))]
    public void RegistersMatchQemuAfterEveryInstruction(TestCore core, string qemuMachine, string program)
    {
        string elf = program.StartsWith("asm/", StringComparison.Ordinal)
            ? FirmwareBuilder.Build(core, "-O1", program, "c/asm_main.c")
            : FirmwareBuilder.Build(core, "-O2", program);

        // Compiled C programs start the comparison at main (both reach it through a breakpoint and 'c').
        HashSet<OpCode> executed = LockstepRunner.Run(core.Machine, qemuMachine, elf, startSymbol: program.StartsWith("c/", StringComparison.Ordinal) ? "main" : null);

        Assert.That(executed, Is.Not.Empty);
        lock (exercised)
        {
            exercised.UnionWith(executed);
        }
    }

    [OneTimeTearDown]
    public void ReportCoverage()
    {
        int defined = DecodeTable.Encodings.Length;
        int count = exercised.Count(op => op != OpCode.Undefined);
        TestContext.Progress.WriteLine($"lockstep coverage: {count} of {defined} encodings exercised");
        var missing = DecodeTable.Encodings.Where(e => !exercised.Contains(e.OpCode)).Select(e => e.Name);
        TestContext.Progress.WriteLine("not exercised: " + string.Join(' ', missing));
    }
}
