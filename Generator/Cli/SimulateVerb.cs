using System.CommandLine;
using System.Globalization;
using MicroGen.Diagnostics;
using MicroGen.IO;
using MicroGen.Ir;
using MicroGen.Run;
using MicroGen.Simulate;
using MicroGen.Simulator;
using MicroGen.Simulator.Core;

namespace MicroGen.Cli;

/// <summary>
/// `microgen simulate ELF --board NAME [--input A.npy ...] [--output OUT.npy ...] [--json] [--max-instructions N] [--trace FILE]`:
/// runs any bare-metal Cortex-M ELF (MicroGen firmware or not) in the simulator with the board's cycle model.
/// </summary>
public sealed class SimulateVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var elf = new Argument<string>("elf") { Description = "The ELF to run." };
        var board = CommonOptions.Board(required: true);
        var inputs = CommonOptions.Inputs();
        inputs.Description = "A .npy file per model input: written over the firmware's linked test vectors (mg_test_input_<i>).";
        var outputs = CommonOptions.Outputs();
        outputs.Description = "Write the outputs the firmware printed to these .npy files.";
        var json = CommonOptions.Json();
        var limit = new Option<ulong>("--max-instructions") { Description = "Stop a runaway program after this many instructions.", DefaultValueFactory = _ => 4_000_000_000UL };
        var trace = new Option<string?>("--trace") { Description = "Write one line per executed instruction (PC, encoding, mnemonic, registers changed) to this file." };
        var command = new Command("simulate", "Run an ELF in the Cortex-M simulator: outputs, cycles, per-layer costs, stack and arena use.")
            { elf, board, inputs, outputs, json, limit, trace };
        command.SetAction(parse =>
        {
            var chosen = CommonOptions.ResolveBoard(parse.GetValue(board)!);
            var path = parse.GetValue(elf)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"{path}: no such ELF file");
            }
            var patches = (parse.GetValue(inputs) ?? []).Select((p, i) => new MemoryPatch($"mg_test_input_{i}", NpyArray.Read(p).Data)).ToList();
            var tracePath = parse.GetValue(trace);
            using var traceWriter = tracePath is null ? null : new StreamWriter(tracePath);
            var result = CortexMSimulator.Run(BoardMachine.Of(chosen), path,
                new RunOptions(MaxInstructions: parse.GetValue(limit), Patches: patches, Trace: traceWriter));
            if (result.Error is { } error)
            {
                throw new UserErrorException($"{path}: {error}");
            }
            var transcript = FirmwareTranscript.Parse(result.ConsoleText);
            WriteOutputs(parse.GetValue(outputs) ?? [], transcript);
            if (parse.GetValue(json))
            {
                context.WriteJson(new
                {
                    Board = chosen.Name, result.Cycles, result.Instructions, MsAtClock = Math.Round(result.MillisecondsAtClock, 6),
                    result.PeakStackBytes, result.ArenaHighWaterBytes,
                    Layers = result.Layers.Select(l => new { l.Name, l.Cycles, l.Instructions, l.Calls }),
                    result.ExitCode, Console = result.ConsoleText,
                    Fault = result.Fault is { } f ? new { Kind = f.Kind.ToString(), Reason = f.Reason.ToString(), Pc = f.Pc, f.Address, f.Description } : null,
                    StopReason = result.StopReason.ToString(),
                });
            }
            else
            {
                WriteText(context.Out, chosen.Name, result);
            }
            if (result.StopReason == StopReason.InstructionLimit)
            {
                throw new UserErrorException($"{path}: stopped after {result.Instructions:N0} instructions (--max-instructions) at PC 0x{result.StopPc:X8}");
            }
            return result.Fault is null && (result.ExitCode ?? 0) == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static void WriteOutputs(string[] paths, FirmwareTranscript transcript)
    {
        if (paths.Length == 0)
        {
            return;
        }
        if (transcript.Outputs.Count < paths.Length)
        {
            throw new UserErrorException($"the firmware printed {transcript.Outputs.Count} outputs but {paths.Length} --output files were given");
        }
        AtomicFiles.WriteAll(paths.Select((p, i) =>
        {
            var (type, shape) = transcript.OutputShapes.TryGetValue(i, out var s) ? s : ("uint8", new[] { transcript.Outputs[i].Length });
            var dataType = type switch { "int8" => DataType.Int8, "int16" => DataType.Int16, "int32" => DataType.Int32, "float32" => DataType.Float32, _ => DataType.UInt8 };
            return (p, new NpyArray(dataType, shape, transcript.Outputs[i]).ToBytes());
        }));
    }

    private static void WriteText(TextWriter o, string board, SimulationResult r)
    {
        var n = CultureInfo.InvariantCulture;
        o.Write(r.ConsoleText.EndsWith('\n') || r.ConsoleText.Length == 0 ? r.ConsoleText : r.ConsoleText + "\n");
        o.WriteLine($"simulated on {board}: {r.Cycles.ToString("N0", n)} cycles, {r.Instructions.ToString("N0", n)} instructions, "
            + $"{r.MillisecondsAtClock.ToString("0.000", n)} ms at clock; stack peak {r.PeakStackBytes.ToString("N0", n)} bytes, "
            + $"arena high-water {r.ArenaHighWaterBytes.ToString("N0", n)} bytes; stop: {r.StopReason}"
            + (r.ExitCode is { } code ? $", exit code {code}" : ""));
        if (r.Fault is { } f)
        {
            o.WriteLine($"fault: {f.Kind} ({f.Reason}) at PC 0x{f.Pc:X8}{(f.Address is { } a ? $", address 0x{a:X8}" : "")}: {f.Description}");
        }
        if (r.Layers.Count > 0)
        {
            var rows = new List<string[]> { new[] { "layer", "cycles", "instructions", "calls" } };
            rows.AddRange(r.Layers.Select(l => new[] { l.Name, l.Cycles.ToString("N0", n), l.Instructions.ToString("N0", n), l.Calls.ToString(n) }));
            TextTable.Write(o, rows, rightAligned: [1, 2, 3]);
        }
    }
}
