using System.Diagnostics;

namespace MicroGen.Simulator.Bench;

/// <summary>Builds the benchmark firmware and runs QEMU, timing it.</summary>
internal static class Toolchain
{
    public static string Build(string outputDirectory, string cpuFlags, int repeat)
    {
        string baseDirectory = AppContext.BaseDirectory;
        string common = Path.Combine(baseDirectory, "common");
        string elf = Path.Combine(outputDirectory, $"matmul-{cpuFlags.Split(' ')[0].Replace("-mcpu=", string.Empty, StringComparison.Ordinal)}-{repeat}.elf");
        var arguments = cpuFlags.Split(' ').ToList();
        arguments.AddRange(["-mthumb", "-O2", $"-DREPEAT={repeat}", "-ffreestanding", "-nostartfiles", "-I", common, "-T", Path.Combine(common, "mps2.ld"),
            Path.Combine(baseDirectory, "matmul.c"), Path.Combine(common, "startup.S"), "-o", elf, "-lc", "-lgcc", "-lnosys"]);
        (int exitCode, string errors) = Run("arm-none-eabi-gcc", arguments);
        return exitCode == 0 ? elf : throw new InvalidOperationException($"arm-none-eabi-gcc failed: {errors}");
    }

    /// <summary>Wall-clock seconds of one QEMU run to completion (semihosting exit).</summary>
    public static double TimeQemu(string machine, string elf)
    {
        var stopwatch = Stopwatch.StartNew();
        (int exitCode, string errors) = Run("qemu-system-arm", ["-M", machine, "-nographic", "-monitor", "none", "-serial", "null", "-semihosting-config", "enable=on,target=native", "-kernel", elf]);
        stopwatch.Stop();
        return exitCode == 0 ? stopwatch.Elapsed.TotalSeconds : throw new InvalidOperationException($"QEMU failed ({exitCode}): {errors}");
    }

    public static bool Exists(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static (int ExitCode, string Errors) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = output.Result;
        return (process.ExitCode, errors);
    }
}
