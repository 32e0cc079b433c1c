namespace MicroGen.Simulator.Tests.Support;

/// <summary>Runs an ELF under qemu-system-arm with semihosting, as the differential tests' reference.</summary>
public static class QemuRunner
{
    public static bool Available => ProcessRunner.Find("qemu-system-arm") is not null;

    public static (int ExitCode, string Console) Run(string qemuMachine, string elf, TimeSpan? timeout = null)
    {
        if (!Available)
        {
            Assert.Fail("qemu-system-arm is not installed (./test.sh installs it)");
        }

        var (exitCode, output, errors, timedOut) = ProcessRunner.Run(
            "qemu-system-arm",
            ["-M", qemuMachine, "-nographic", "-monitor", "none", "-serial", "null", "-semihosting-config", "enable=on,target=native", "-kernel", elf],
            timeout ?? TimeSpan.FromSeconds(60));
        if (timedOut)
        {
            Assert.Fail($"QEMU timed out on {elf}: {errors}");
        }

        // With -serial null, semihosting console output (target=native) arrives on QEMU's standard error.
        _ = output;
        return (exitCode, errors.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
