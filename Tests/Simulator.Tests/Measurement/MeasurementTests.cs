using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Measurement;

/// <summary>Per-layer attribution, arena high-water mark, peak stack, memory patches, write observer and trace.</summary>
public sealed class MeasurementTests
{
    private static string Build(TestCore core) => FirmwareBuilder.Build(core, "-O2", "c/layers.c");

    [TestCaseSource(typeof(TestCore), nameof(TestCore.All))]
    public void ReportsLayersArenaAndStack(TestCore core)
    {
        SimulationResult result = CortexMSimulator.Run(core.Machine, Build(core));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.SemihostingExit));
            Assert.That(result.ConsoleText, Is.EqualTo("input=0 depth=1275\n"), "sum 0..50 = 1275");

            // layers.c writes exactly bytes 0..999 of mg_arena.
            Assert.That(result.ArenaHighWaterBytes, Is.EqualTo(1000));
            Assert.That(result.Layers.Select(l => l.Name), Is.EqualTo(new[] { "mg_layer_000_fill", "mg_layer_001_sum" }));
            Assert.That(result.Layers.All(l => l.Calls == 1), Is.True);

            // The sum layer reads the same 1000 bytes ten times and calls a helper: roughly ten times the fill's work.
            double ratio = (double)result.Layers[1].Instructions / result.Layers[0].Instructions;
            Assert.That(ratio, Is.InRange(6.0, 20.0));
            Assert.That(result.Layers.Sum(l => (double)l.Instructions), Is.LessThan(result.Instructions));
            Assert.That(result.Layers.All(l => l.Cycles >= l.Instructions / 2), Is.True);

            // 51 nested frames of at least a 64-byte local array each.
            Assert.That(result.PeakStackBytes, Is.InRange(51u * 64, 51u * 200));
            Assert.That(result.StackLimitBytes, Is.EqualTo(16 * 1024), "the test linker script puts __StackLimit 16 KB below the top");
            Assert.That(result.MillisecondsAtClock, Is.EqualTo(result.Cycles / 25_000.0).Within(1e-9));
        });
    }

    [Test]
    public void ConfigurablePrefixSelectsOtherFunctions()
    {
        SimulationResult result = CortexMSimulator.Run(TestCore.M4.Machine, Build(TestCore.M4), new RunOptions(LayerPrefix: "mg_layer_001"));

        Assert.That(result.Layers.Select(l => l.Name), Is.EqualTo(new[] { "mg_layer_001_sum" }));
    }

    [Test]
    public void MemoryPatchWritesTheSymbolAfterLoading()
    {
        byte[] input = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, Build(TestCore.M3), new RunOptions(Patches: [new MemoryPatch("mg_input", input)]));

        Assert.That(result.ConsoleText, Does.StartWith("input=136 "), "1 + 2 + ... + 16");
    }

    [Test]
    public void MemoryPatchLargerThanTheSymbolIsAClearError()
    {
        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, Build(TestCore.M3), new RunOptions(Patches: [new MemoryPatch("mg_input", new byte[17])]));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.SetupError));
            Assert.That(result.Error, Does.Contain("mg_input").And.Contain("16 bytes"));
        });
    }

    [Test]
    public void MemoryPatchOfAnUnknownSymbolIsAClearError()
    {
        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, Build(TestCore.M3), new RunOptions(Patches: [new MemoryPatch("no_such_symbol", [1])]));

        Assert.That(result.Error, Does.Contain("no_such_symbol"));
    }

    [Test]
    public void WriteObserverSeesEachStoreWithItsLayer()
    {
        var arenaWriters = new HashSet<string?>();
        string elf = Build(TestCore.M4);
        Assert.That(Elf.ElfImage.TryLoad(elf, out Elf.ElfImage? image, out _), Is.True);
        Elf.ElfSymbol arena = image!.FindSymbol("mg_arena")!;
        int arenaWrites = 0;

        CortexMSimulator.Run(TestCore.M4.Machine, elf, new RunOptions(WriteObserver: write =>
        {
            // The startup code's .bss clearing writes the arena too, outside any layer.
            if (write.Address - arena.Address < arena.Size && write.Layer is not null)
            {
                arenaWriters.Add(write.Layer);
                arenaWrites += write.Size;
            }
        }));

        Assert.Multiple(() =>
        {
            Assert.That(arenaWriters, Is.EquivalentTo(new[] { "mg_layer_000_fill" }));
            Assert.That(arenaWrites, Is.EqualTo(1000), "each arena byte is written once");
        });
    }

    [Test]
    public void TraceIsOneLinePerInstructionAndDeterministic()
    {
        string elf = Build(TestCore.M0Plus);
        var first = new StringWriter();
        var second = new StringWriter();

        SimulationResult result = CortexMSimulator.Run(TestCore.M0Plus.Machine, elf, new RunOptions(Trace: first));
        CortexMSimulator.Run(TestCore.M0Plus.Machine, elf, new RunOptions(Trace: second));

        string[] lines = first.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(result.Instructions));
            Assert.That(first.ToString(), Is.EqualTo(second.ToString()));
            Assert.That(lines[0], Does.Match("^[0-9A-F]{8}  [ 0-9A-F]{8}  [A-Za-z0-9]+"));
        });
    }

    [Test]
    public void TracedAndUntracedRunsMeasureTheSame()
    {
        string elf = Build(TestCore.M7);

        SimulationResult plain = CortexMSimulator.Run(TestCore.M7.Machine, elf);
        SimulationResult traced = CortexMSimulator.Run(TestCore.M7.Machine, elf, new RunOptions(Trace: TextWriter.Null));

        Assert.That((traced.Cycles, traced.Instructions, traced.PeakStackBytes), Is.EqualTo((plain.Cycles, plain.Instructions, plain.PeakStackBytes)));
    }
}
