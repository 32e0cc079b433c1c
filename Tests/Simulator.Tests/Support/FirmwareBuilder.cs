using System.Security.Cryptography;
using System.Text;

namespace MicroGen.Simulator.Tests.Support;

/// <summary>
/// Builds the test programs with arm-none-eabi-gcc into a content-addressed cache under the temp
/// directory, so each (sources, flags) pair is compiled once per machine.
/// </summary>
public static class FirmwareBuilder
{
    private static readonly Lock BuildLock = new();

    public static string ProgramsDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Programs");

    public static bool Available => ProcessRunner.Find("arm-none-eabi-gcc") is not null;

    public static void RequireToolchain()
    {
        if (!Available)
        {
            Assert.Fail("arm-none-eabi-gcc is not installed; firmware tests need it (./test.sh installs it)");
        }
    }

    /// <summary>Compiles program sources (paths relative to Programs/) with the common startup and linker script.</summary>
    public static string Build(TestCore core, string extraFlags, params string[] sources)
    {
        RequireToolchain();
        string common = Path.Combine(ProgramsDirectory, "common");
        var files = sources.Select(s => Path.Combine(ProgramsDirectory, s)).Append(Path.Combine(common, "startup.S")).ToList();
        string flags = $"{core.CompilerFlags} -mthumb {extraFlags}";
        var hash = new StringBuilder(flags);
        foreach (string file in files.Concat(Directory.GetFiles(common).Order(StringComparer.Ordinal)))
        {
            hash.Append(File.ReadAllText(file));
        }

        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..16];
        string directory = Path.Combine(Path.GetTempPath(), "microgen-sim-tests", key);
        string elf = Path.Combine(directory, Path.GetFileNameWithoutExtension(sources[0]) + ".elf");
        lock (BuildLock)
        {
            if (File.Exists(elf))
            {
                return elf;
            }

            Directory.CreateDirectory(directory);
            var arguments = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            arguments.AddRange(["-g", "-ffreestanding", "-nostartfiles", "-I", common, "-T", Path.Combine(common, "mps2.ld"), "-o", elf + ".tmp"]);
            arguments.AddRange(files);
            arguments.AddRange(["-lm", "-lc", "-lgcc", "-lnosys"]);
            var (exitCode, _, errors, _) = ProcessRunner.Run("arm-none-eabi-gcc", arguments, TimeSpan.FromMinutes(2));
            if (exitCode != 0)
            {
                Assert.Fail($"arm-none-eabi-gcc failed for {string.Join(", ", sources)}:\n{errors}");
            }

            File.Move(elf + ".tmp", elf);
            return elf;
        }
    }
}
