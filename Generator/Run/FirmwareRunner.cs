using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Simulate;
using MicroGen.Simulator;
using MicroGen.Simulator.Core;

namespace MicroGen.Run;

/// <summary>
/// Runs a built firmware where it can run without hardware: the host build as a process, an mps2 ELF under
/// qemu-system-arm with semihosting, any MCU board's ELF in MicroGen's Cortex-M simulator. Inputs are handed over as
/// files (command-line paths on the host, mg_input&lt;i&gt;.bin in QEMU's working folder, read through semihosting) or,
/// in the simulator, written over the linked test vectors (symbols mg_test_input_&lt;i&gt;).
/// </summary>
public static class FirmwareRunner
{
    public static FirmwareTranscript OnHost(string executable, IReadOnlyList<byte[]> inputs, TimeSpan? timeout = null) =>
        InScratchFolder(inputs, (folder, files) =>
        {
            var result = ProcessRunner.Run(Path.GetFullPath(executable), files, folder, timeout ?? TimeSpan.FromMinutes(5));
            return Finish(result, "the host firmware");
        });

    public static FirmwareTranscript OnQemu(string elf, Board board, IReadOnlyList<byte[]> inputs, TimeSpan? timeout = null)
    {
        if (board.QemuMachine is null)
        {
            throw new UserErrorException($"board {board.Name} has no QEMU machine (QEMU runs the mps2 boards)");
        }
        return InScratchFolder(inputs, (folder, _) =>
        {
            var result = ProcessRunner.Run("qemu-system-arm",
                ["-M", board.QemuMachine, "-display", "none", "-monitor", "none", "-serial", "stdio",
                 "-semihosting-config", "enable=on,target=native", "-kernel", Path.GetFullPath(elf)],
                folder, timeout ?? TimeSpan.FromMinutes(10));
            return Finish(result, "qemu-system-arm");
        });
    }

    /// <summary>Runs the ELF in the simulator with the board's cycle model; a fault or runaway is a clear error naming where.</summary>
    public static SimulatedRun OnSimulator(string elf, Board board, IReadOnlyList<byte[]> inputs, ulong maxInstructions = 4_000_000_000,
        TextWriter? trace = null, Action<WriteAccess>? writeObserver = null)
    {
        var patches = inputs.Select((bytes, i) => new MemoryPatch($"mg_test_input_{i}", bytes)).ToList();
        var result = CortexMSimulator.Run(BoardMachine.Of(board), elf,
            new RunOptions(MaxInstructions: maxInstructions, Patches: patches, Trace: trace, WriteObserver: writeObserver));
        if (result.Error is { } error)
        {
            throw new UserErrorException($"{elf}: the simulator cannot run it: {error}");
        }
        var transcript = FirmwareTranscript.Parse(result.ConsoleText);
        if (result.StopReason is StopReason.InstructionLimit)
        {
            throw new UserErrorException($"{elf}: still running after {result.Instructions:N0} instructions (PC 0x{result.StopPc:X8}); raise --max-instructions or look for a loop");
        }
        if (result.Fault is { } fault && transcript.DoneStatus is null)
        {
            throw new UserErrorException($"{elf}: {fault.Kind} ({fault.Reason}) at PC 0x{fault.Pc:X8}"
                + (fault.Address is { } a ? $", address 0x{a:X8}" : "") + $": {fault.Description}");
        }
        if (transcript.DoneStatus is null)
        {
            throw new UserErrorException($"{elf}: the firmware stopped ({result.StopReason} at PC 0x{result.StopPc:X8}) without its mg-done line");
        }
        return new SimulatedRun(transcript, result);
    }

    private static FirmwareTranscript InScratchFolder(IReadOnlyList<byte[]> inputs, Func<string, string[], FirmwareTranscript> run)
    {
        var folder = Directory.CreateTempSubdirectory("microgen-run-").FullName;
        try
        {
            var files = inputs.Select((bytes, i) =>
            {
                var path = Path.Combine(folder, $"mg_input{i}.bin");
                File.WriteAllBytes(path, bytes);
                return path;
            }).ToArray();
            return run(folder, files);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static FirmwareTranscript Finish(ProcessRunner.Result result, string what)
    {
        if (result.TimedOut)
        {
            throw new UserErrorException($"{what} did not finish in time");
        }
        var transcript = FirmwareTranscript.Parse(result.Stdout);
        if (transcript.DoneStatus is null)
        {
            var tail = (result.Stdout + result.Stderr).Trim().Split('\n').LastOrDefault() ?? "";
            throw new UserErrorException($"{what} ended (exit {result.ExitCode}) without its mg-done line: {tail}");
        }
        return transcript;
    }
}
