using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Measurement;

/// <summary>The run loop does not allocate: a run of millions of instructions allocates only decode-cache pages.</summary>
public sealed class AllocationTests
{
    [Test]
    public void RunLoopAllocatesNothingPerInstruction()
    {
        string elf = FirmwareBuilder.Build(TestCore.M4, "-O2", "c/layers.c");
        Assert.That(Machine.TryCreate(TestCore.M4.Machine, elf, new RunOptions(), out Machine? machine, out string error), Is.True, error);

        long before = GC.GetAllocatedBytesForCurrentThread();
        SimulationResult result = machine!.Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.SemihostingExit));
            Assert.That(result.Instructions, Is.GreaterThan(40_000));

            // A few decode-cache pages (72 KB each) and the result record; nothing proportional to the instruction count.
            Assert.That(allocated, Is.LessThan(1_000_000), $"{allocated} bytes for {result.Instructions} instructions");
        });
    }
}
