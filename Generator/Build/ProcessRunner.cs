using System.Diagnostics;
using MicroGen.Diagnostics;

namespace MicroGen.Build;

/// <summary>Runs an external program (compiler, make, emulator) and captures its output, with a timeout.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, byte[]? stdin = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new UserErrorException($"cannot start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UserErrorException($"cannot run {program}: {e.Message} (is it installed? ./test.sh installs the ARM toolchain and QEMU)");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            var finished = process.WaitForExit(timeout);
            if (!finished)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
                process.WaitForExit();
            }
            return new Result(finished ? process.ExitCode : -1, stdout.Result, stderr.Result, !finished);
        }
    }
}
