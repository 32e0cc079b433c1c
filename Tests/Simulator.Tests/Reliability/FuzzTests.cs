using System.Buffers.Binary;
using MicroGen.Simulator.Core;
using MicroGen.Simulator.Memory;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Reliability;

/// <summary>Random instruction streams and mutated ELF files: nothing escapes to the host, every failure is reported.</summary>
[Category("Slow")]
public sealed class FuzzTests
{
    private const int Streams = 10_000;
    private const int MutatedElves = 2_000;

    private static readonly CoreKind[] Cores = [CoreKind.CortexM0Plus, CoreKind.CortexM3, CoreKind.CortexM4, CoreKind.CortexM7];

    private static MachineDescription SmallMachine(CoreKind core) => new(
        "fuzz-" + core,
        core,
        core is CoreKind.CortexM4 ? FpuKind.FpV4Sp : core is CoreKind.CortexM7 ? FpuKind.FpV5Sp : FpuKind.None,
        Dsp: core is CoreKind.CortexM4 or CoreKind.CortexM7,
        ClockHz: 1_000_000,
        Memory: [new MemoryRegionSpec("flash", 0, 0x1_0000, MemoryKind.Flash), new MemoryRegionSpec("ram", 0x2000_0000, 0x1_0000, MemoryKind.Ram)],
        Console: new ConsoleSpec(ConsoleKind.CmsdkUart, 0x4000_4000),
        InterruptCount: 32);

    [Test]
    public void RandomInstructionStreamsNeverEscapeTheSimulator()
    {
        var random = new Random(20261128);
        var stops = new Dictionary<StopReason, int>();
        var escaped = new List<string>();
        for (int i = 0; i < Streams; i++)
        {
            byte[] image = RandomProgram(random, out uint entry);
            MachineDescription machine = SmallMachine(Cores[i % Cores.Length]);
            var options = new RunOptions(MaxInstructions: 2_000, StopOnFault: i % 2 == 0);
            try
            {
                SimulationResult result = CortexMSimulator.Run(machine, MinimalElf.Create(0, image, entry), options);
                stops[result.StopReason] = stops.GetValueOrDefault(result.StopReason) + 1;
                if (result.StopReason is StopReason.Fault or StopReason.Lockup)
                {
                    Assert.That(result.Fault, Is.Not.Null, $"stream {i}: {result.StopReason} without a fault report");
                    Assert.That(result.Fault!.Description, Does.Contain($"0x{result.Fault.Pc:X8}"), $"stream {i}");
                    if (result.Fault.Reason == FaultReason.PreciseErr)
                    {
                        Assert.That(result.Fault.Address, Is.Not.Null, $"stream {i}: a precise bus error has an address");
                    }
                }
            }
#pragma warning disable CA1031 // The point of this test is to catch anything.
            catch (Exception e) when (e is not AssertionException)
#pragma warning restore CA1031
            {
                escaped.Add($"stream {i} on {machine.Core}: {e.GetType().Name}: {e.Message}");
            }
        }

        TestContext.Progress.WriteLine("random streams by stop reason: " + string.Join(", ", stops.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        Assert.That(escaped, Is.Empty);
        Assert.That(stops.Values.Sum(), Is.EqualTo(Streams));
    }

    [Test]
    public void MutatedElfFilesGiveAnElfErrorOrARunNeverAnException()
    {
        FirmwareBuilder.RequireToolchain();
        byte[] original = File.ReadAllBytes(FirmwareBuilder.Build(TestCore.M3, "-O2", "c/hello.c"));
        var random = new Random(7);
        int loadErrors = 0;
        var escaped = new List<string>();
        for (int i = 0; i < MutatedElves; i++)
        {
            byte[] mutated = Mutate(original, random);
            try
            {
                SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, mutated, new RunOptions(MaxInstructions: 20_000));
                if (result.Error is not null)
                {
                    loadErrors++;
                    Assert.That(result.StopReason, Is.EqualTo(StopReason.SetupError));
                }
            }
#pragma warning disable CA1031 // The point of this test is to catch anything.
            catch (Exception e) when (e is not AssertionException)
#pragma warning restore CA1031
            {
                escaped.Add($"mutation {i}: {e.GetType().Name}: {e.Message}");
            }
        }

        TestContext.Progress.WriteLine($"mutated ELF files: {MutatedElves}, rejected with an ELF/setup error: {loadErrors}");
        Assert.That(escaped, Is.Empty);
    }

    [TestCase(new byte[0], "not an ELF file")]
    [TestCase(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, "not an ELF file")]
    public void TruncatedElfIsAClearError(byte[] bytes, string expected)
    {
        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, bytes);

        Assert.That(result.Error, Does.Contain(expected));
    }

    [Test]
    public void MissingElfFileIsAClearError()
    {
        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, "/nonexistent/firmware.elf");

        Assert.That((result.StopReason, result.Error), Is.EqualTo((StopReason.SetupError, "cannot read ELF file '/nonexistent/firmware.elf': Could not find a part of the path '/nonexistent/firmware.elf'.")));
    }

    /// <summary>A vector table (SP at the top of RAM, reset into the code), random code, and a few valid stores to RAM.</summary>
    private static byte[] RandomProgram(Random random, out uint entry)
    {
        var image = new byte[0x200];
        BinaryPrimitives.WriteUInt32LittleEndian(image, 0x2000_8000);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4), 0x41);
        for (int vector = 2; vector < 16; vector++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4 * vector), 0x41 + (uint)(2 * random.Next(0, 64)));
        }

        random.NextBytes(image.AsSpan(0x40));
        entry = 0x41;
        return image;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] copy = random.Next(10) == 0 ? original[..random.Next(original.Length)] : (byte[])original.Clone();
        int changes = random.Next(1, 24);
        for (int c = 0; c < changes && copy.Length > 0; c++)
        {
            int position = random.Next(10) < 6 ? random.Next(Math.Min(copy.Length, 0x400)) : random.Next(copy.Length);
            copy[position] = (byte)random.Next(256);
        }

        return copy;
    }
}
