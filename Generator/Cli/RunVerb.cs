using System.CommandLine;
using System.Globalization;
using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Planning.Patches;
using MicroGen.Verify;

namespace MicroGen.Cli;

/// <summary>
/// `microgen run MODEL --board NAME [--inputs N] [--input A.npy ...] [--output OUT.npy ...] [--on host|qemu] [--patches ...] [--json]`:
/// generate, build, run, and check every output byte against the reference interpreter on N seeded random inputs plus
/// any given ones. Exit 0 only when all are bit-exact; otherwise the first differing layer is named.
/// </summary>
public sealed class RunVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board(required: true);
        var inputs = CommonOptions.Inputs();
        var count = new Option<int>("--inputs") { Description = "Seeded random input sets to verify with (in addition to --input files).", DefaultValueFactory = _ => 3 };
        var outputs = CommonOptions.Outputs();
        outputs.Description = "Write the firmware's outputs for the first --input set to these .npy files.";
        var on = new Option<string>("--on")
        {
            Description = "Where to run: sim (the Cortex-M simulator, the default for MCU boards), qemu (mps2 boards) or host (the host build).",
            DefaultValueFactory = _ => "",
        };
        on.AcceptOnlyFromAmong("", "host", "qemu", "sim");
        var checkMemory = new Option<bool>("--check-memory") { Description = "In the simulator, fail on any store a layer makes outside its output and scratch." };
        var keep = new Option<string?>("--keep") { Description = "Keep the generated project in this folder." };
        var reportDir = new Option<string?>("--report") { Description = "Write report.txt, report.json and report.html (with SVG pictures) into this folder." };
        var json = CommonOptions.Json();
        var patches = CommonOptions.Patches();
        var budget = CommonOptions.PatchBudget();
        var command = new Command("run", "Generate, build and run the firmware, and check its outputs against the reference interpreter.")
            { model, board, inputs, count, outputs, on, checkMemory, keep, reportDir, patches, budget, json };
        command.SetAction(parse =>
        {
            var chosen = CommonOptions.ResolveBoard(parse.GetValue(board)!);
            var target = Target(chosen, parse.GetValue(on)!);
            var prepared = ModelPipeline.Prepare(parse.GetValue(model)!, chosen, PatchSpec.Parse(parse.GetValue(patches)!), parse.GetValue(budget));
            var given = (parse.GetValue(inputs) ?? []).Length == 0 ? [] : new[]
            {
                new InputCase("--input files", CommonOptions.ReadInputs(prepared.Original, parse.GetValue(inputs)!)),
            };
            var cases = given.Concat(Enumerable.Range(1, Math.Max(0, parse.GetValue(count))).Select(seed => SeededInputs.Create(prepared.Original, seed))).ToList();
            if (cases.Count == 0)
            {
                throw new UserErrorException("nothing to run: give --input files or --inputs N > 0");
            }
            var keepDir = parse.GetValue(keep);
            var folder = keepDir ?? Directory.CreateTempSubdirectory("microgen-").FullName;
            try
            {
                var report = FirmwareVerifier.Verify(prepared, folder, target, cases, parse.GetValue(checkMemory));
                if (given.Length > 0)
                {
                    CommonOptions.WriteOutputs(prepared.Original, parse.GetValue(outputs) ?? [], report.Cases[0].Actual);
                }
                if (parse.GetValue(reportDir) is { } reportFolder)
                {
                    var page = MicroGen.Reports.RunReportFiles.Write(reportFolder, MicroGen.Reports.RunReport.Of(prepared, report), prepared, CliContext.JsonOptions);
                    context.Err.WriteLine($"report: {page}");
                }
                if (parse.GetValue(json))
                {
                    context.WriteJson(new
                    {
                        report.Model, report.Board, On = target.ToString().ToLowerInvariant(), report.BitExact, report.Passed,
                        report.Build.FlashBytes, report.Build.StaticRamBytes, prepared.Plan.ArenaBytes,
                        Cases = report.Cases.Select(c => new { c.Label, c.BitExact, Outputs = c.Actual.Select(Convert.ToHexString) }),
                        FirstMismatch = report.FirstMismatch?.ToString(),
                        report.Simulation?.Cycles, MsAtClock = report.Simulation?.MillisecondsAtClock, PeakStackBytes = report.Simulation?.PeakStackBytes,
                        ArenaHighWaterBytes = report.Simulation?.ArenaHighWaterBytes,
                        Layers = report.Simulation?.Layers.Select(l => new { l.Name, l.Cycles, l.Instructions, l.Calls }),
                        report.MemoryProblems, MemoryViolation = report.Violation?.ToString(),
                    });
                }
                else
                {
                    WriteText(context.Out, report, prepared);
                }
                return report.Passed ? ExitCodes.Success : ExitCodes.VerificationFailed;
            }
            finally
            {
                if (keepDir is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }

    private static ExecutionTarget Target(Board board, string on) => on switch
    {
        "host" when !board.IsHost => throw new UserErrorException($"--on host runs the host build; use --board host (board {board.Name} is a {board.CoreName})"),
        "host" => ExecutionTarget.Host,
        "qemu" when board.QemuMachine is null => throw new UserErrorException($"board {board.Name} has no QEMU machine (QEMU runs the mps2 boards)"),
        "qemu" => ExecutionTarget.Qemu,
        "sim" when board.IsHost => throw new UserErrorException("--on sim needs an MCU board; the host board runs as a process"),
        _ when board.IsHost => ExecutionTarget.Host,
        _ => ExecutionTarget.Simulator,
    };

    private static void WriteText(TextWriter o, VerificationReport report, PreparedModel prepared)
    {
        var n = CultureInfo.InvariantCulture;
        o.WriteLine($"{report.Model} on {report.Board} ({report.Target.ToString().ToLowerInvariant()}): flash {report.Build.FlashBytes.ToString("N0", n)} bytes, "
            + $"static RAM {report.Build.StaticRamBytes.ToString("N0", n)} bytes, arena {prepared.Plan.ArenaBytes.ToString("N0", n)} bytes");
        foreach (var c in report.Cases)
        {
            o.WriteLine($"  {c.Label}: " + (c.BitExact ? "bit-exact" : $"output(s) {string.Join(", ", c.DifferingOutputs)} DIFFER"));
        }
        if (report.Simulation is { } sim)
        {
            o.WriteLine($"  simulated: {sim.Cycles.ToString("N0", n)} cycles ({sim.MillisecondsAtClock.ToString("0.000", n)} ms at clock), "
                + $"stack peak {sim.PeakStackBytes.ToString("N0", n)} bytes, arena high-water {sim.ArenaHighWaterBytes.ToString("N0", n)} of {prepared.Plan.ArenaBytes.ToString("N0", n)} bytes");
        }
        foreach (var problem in report.MemoryProblems)
        {
            o.WriteLine($"  MEMORY: {problem}");
        }
        if (report.Violation is { } violation)
        {
            o.WriteLine($"  MEMORY: {violation}");
        }
        o.WriteLine(report.BitExact
            ? $"all {report.Cases.Count} input sets bit-exact with the reference interpreter"
            : $"{report.Cases.Count(c => !c.BitExact)} of {report.Cases.Count} input sets differ; {report.FirstMismatch?.ToString() ?? "no layer differs in the debug build"}");
    }
}
