using MicroGen.Simulator.Core;
using MicroGen.Simulator.Tests.Support;

namespace MicroGen.Simulator.Tests.Devices;

/// <summary>The UART models and semihosting, driven by firmware the way the datasheets describe.</summary>
public sealed class ConsoleDeviceTests
{
    public static IEnumerable<TestCaseData> Uarts()
    {
        yield return new TestCaseData("UART_STM32F4", ConsoleKind.Stm32UsartF4, 0x4000_4400u).SetName("STM32 USART, F4 layout");
        yield return new TestCaseData("UART_STM32F7", ConsoleKind.Stm32UsartF7, 0x4001_1000u).SetName("STM32 USART, F7/L0 layout");
        yield return new TestCaseData("UART_CMSDK", ConsoleKind.CmsdkUart, 0x4000_4000u).SetName("CMSDK APB UART");
        yield return new TestCaseData("UART_NRF_UARTE", ConsoleKind.NrfUarte, 0x4000_2000u).SetName("nRF52 UARTE (EasyDMA)");
        yield return new TestCaseData("UART_NRF_UART", ConsoleKind.NrfUart, 0x4000_2000u).SetName("nRF UART (TXD register)");
    }

    [TestCaseSource(nameof(Uarts))]
    public void FirmwareWritesALineThroughTheUart(string define, ConsoleKind kind, uint baseAddress)
    {
        string elf = FirmwareBuilder.Build(TestCore.M4, $"-O2 -D{define} -DUART_BASE=0x{baseAddress:X8}u", "c/uart.c");
        MachineDescription machine = TestCore.M4.Machine with { Console = new ConsoleSpec(kind, baseAddress) };

        SimulationResult result = CortexMSimulator.Run(machine, elf, new RunOptions(MaxInstructions: 100_000));

        Assert.Multiple(() =>
        {
            Assert.That(result.StopReason, Is.EqualTo(StopReason.SemihostingExit), result.Fault?.Description);
            Assert.That(result.ConsoleText, Is.EqualTo("uart ok\n"));
        });
    }

    [Test]
    public void Stm32UsartSendsNothingUnlessTheTransmitterIsEnabled()
    {
        string elf = FirmwareBuilder.Build(TestCore.M4, "-O2 -DUART_STM32F4 -DNO_TE -DUART_BASE=0x40004400u", "c/uart.c");
        MachineDescription machine = TestCore.M4.Machine with { Console = new ConsoleSpec(ConsoleKind.Stm32UsartF4, 0x4000_4400) };

        SimulationResult result = CortexMSimulator.Run(machine, elf, new RunOptions(MaxInstructions: 100_000));

        Assert.That((result.StopReason, result.ConsoleText), Is.EqualTo((StopReason.SemihostingExit, string.Empty)));
    }

    [Test]
    public void CmsdkUartOutputMatchesQemu()
    {
        string elf = FirmwareBuilder.Build(TestCore.M3, "-O2 -DUART_CMSDK -DUART_BASE=0x40004000u", "c/uart.c");
        if (!QemuRunner.Available)
        {
            Assert.Fail("qemu-system-arm is not installed (./test.sh installs it)");
        }

        var (_, qemuSerial, _, _) = ProcessRunner.Run(
            "qemu-system-arm",
            ["-M", "mps2-an385", "-nographic", "-monitor", "none", "-serial", "stdio", "-semihosting-config", "enable=on,target=native", "-kernel", elf],
            TimeSpan.FromSeconds(30));

        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, elf);

        Assert.That(result.ConsoleText, Is.EqualTo(qemuSerial.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void SemihostingServesVirtualFilesAndReportsHostErrors()
    {
        string elf = FirmwareBuilder.Build(TestCore.M0Plus, "-O1", "c/files.c");
        var files = new Dictionary<string, byte[]> { ["input.bin"] = "0123456789ABCDEF"u8.ToArray() };

        SimulationResult result = CortexMSimulator.Run(TestCore.M0Plus.Machine, elf, new RunOptions(VirtualFiles: files, ConsoleInput: "Q"u8.ToArray()));

        Assert.Multiple(() =>
        {
            // ENOENT is 2; SYS_READ returns the bytes NOT read (20 asked, 9 left after offset 7); SYS_WRITE returns 0 when all were written.
            Assert.That(result.ConsoleText, Is.EqualTo("len=16 first=01234 tail=789ABCDEF short=11 missing=-1 errno=2 wrote=0 tty=1 readc=Q freq=25000000 elapsed>0\n"));
            Assert.That(result.ExitCode, Is.EqualTo(3));
        });
    }

    [Test]
    public void SemihostingFilesBehaveLikeQemuHostFiles()
    {
        string elf = FirmwareBuilder.Build(TestCore.M3, "-O1 -DNO_CONSOLE_INPUT", "c/files.c");
        if (!QemuRunner.Available)
        {
            Assert.Fail("qemu-system-arm is not installed (./test.sh installs it)");
        }

        string directory = Directory.CreateTempSubdirectory("microgen-semihosting").FullName;
        File.WriteAllText(Path.Combine(directory, "input.bin"), "0123456789ABCDEF");
        var (exitCode, _, errors, _) = ProcessRunner.Run(
            "qemu-system-arm",
            ["-M", "mps2-an385", "-nographic", "-monitor", "none", "-serial", "null", "-semihosting-config", "enable=on,target=native", "-kernel", elf],
            TimeSpan.FromSeconds(30),
            directory);
        var files = new Dictionary<string, byte[]> { ["input.bin"] = "0123456789ABCDEF"u8.ToArray() };

        SimulationResult result = CortexMSimulator.Run(TestCore.M3.Machine, elf, new RunOptions(VirtualFiles: files));

        // From " tty=" on the answers depend on the host (QEMU asks isatty() of its own stdout, reports its timer).
        string Comparable(string text) => text[..text.IndexOf(" tty=", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(Comparable(result.ConsoleText), Is.EqualTo(Comparable(errors)));
            Assert.That(result.ExitCode, Is.EqualTo(exitCode));
            Assert.That(File.ReadAllText(Path.Combine(directory, "out.txt")), Is.EqualTo("written"));
        });
    }
}
