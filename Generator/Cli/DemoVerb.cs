using MicroGen.Planning.Patches;
using System.CommandLine;
using System.Globalization;
using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Demo;
using MicroGen.Import.Tflite;
using MicroGen.Pipeline;
using MicroGen.Reports;
using MicroGen.Verify;

namespace MicroGen.Cli;

/// <summary>
/// `microgen demo`: the whole pipeline on one model and board. It takes mlperf_tiny_vww_96_int8.tflite from the shared
/// models folder when present, else writes its own small network; plans, generates and builds for the board (default
/// stm32f746g-disco), runs the ELF in the Cortex-M simulator (cycles, stack, arena, every store checked against the
/// plan) and verifies the outputs bit for bit against the reference interpreter on seeded inputs; the host build too.
/// </summary>
public sealed class DemoVerb : IVerb
{
    public const string DefaultModel = "mlperf_tiny_vww_96_int8.tflite";

    public Command Create(CliContext context)
    {
        var board = CommonOptions.Board(required: false, defaultValue: "stm32f746g-disco");
        var model = new Option<string?>("--model") { Description = $"The model (default: {DefaultModel} from the shared models, else a built-in network)." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the projects.", DefaultValueFactory = _ => "microgen-demo" };
        var inputs = new Option<int>("--inputs") { Description = "Seeded random input sets to verify with.", DefaultValueFactory = _ => 3 };
        var patches = CommonOptions.Patches();
        patches.DefaultValueFactory = _ => "auto";
        var command = new Command("demo", "Run the pipeline end to end on a model and board and verify the firmware.") { board, model, output, inputs, patches };
        command.SetAction(parse =>
        {
            var o = context.Out;
            var n = CultureInfo.InvariantCulture;
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var modelPath = parse.GetValue(model) ?? LocateDefaultModel(folder, o);
            var chosen = CommonOptions.ResolveBoard(parse.GetValue(board)!);
            var spec = PatchSpec.Parse(parse.GetValue(patches)!);
            var prepared = ModelPipeline.Prepare(modelPath, chosen, spec);
            var summary = ModelSummary.Of(prepared.Original, prepared.ModelName);
            o.WriteLine($"MicroGen demo: {prepared.ModelName} on {chosen.Name} ({chosen.CoreName}, {chosen.ClockHz / 1e6:0} MHz)");
            o.WriteLine($"  model     {summary.Operators.Count} operators, {summary.TotalMacs.ToString("N0", n)} MACs, {summary.WeightBytes.ToString("N0", n)} bytes of weights");
            o.WriteLine($"  plan      arena {prepared.Plan.ArenaBytes.ToString("N0", n)} bytes (lower bound {prepared.Plan.LowerBoundBytes.ToString("N0", n)}; {prepared.Plan.Placement})"
                + (prepared.Plan.Patch is null && prepared.Plan.Streams.Length == 0 ? ""
                    : "; " + PatchSummary.Describe(PatchSummary.Of(prepared.Plan.Patch), StreamSummary.Of(prepared.Plan), prepared.Plan.Patch?.MacOverhead ?? 0)));

            var cases = Enumerable.Range(1, parse.GetValue(inputs)).Select(seed => SeededInputs.Create(prepared.Original, seed)).ToList();
            var boardFolder = Path.Combine(folder, chosen.Name);
            var report = FirmwareVerifier.Verify(prepared, boardFolder, ExecutionTarget.Simulator, cases, checkMemory: true);
            o.WriteLine($"  generate  {boardFolder}");
            o.WriteLine($"  build     flash {report.Build.FlashBytes.ToString("N0", n)} bytes, static RAM {report.Build.StaticRamBytes.ToString("N0", n)} bytes: "
                + string.Join(", ", report.Build.Regions.Select(r => $"{r.Region} {r.UsedBytes.ToString("N0", n)} of {r.SizeBytes.ToString("N0", n)}")));
            var sim = report.Simulation!;
            o.WriteLine($"  simulate  {sim.Cycles.ToString("N0", n)} cycles = {sim.MillisecondsAtClock.ToString("0.00", n)} ms at {chosen.ClockHz / 1e6:0} MHz, "
                + $"{((double)summary.TotalMacs / Math.Max(1, sim.Cycles)).ToString("0.000", n)} MAC/cycle; stack peak {sim.PeakStackBytes.ToString("N0", n)} bytes, "
                + $"arena high-water {sim.ArenaHighWaterBytes.ToString("N0", n)} of {prepared.Plan.ArenaBytes.ToString("N0", n)} bytes");
            var failures = report.Cases.Count(c => !c.BitExact);
            o.WriteLine($"  verify    simulator: {report.Cases.Count - failures} of {report.Cases.Count} input sets bit-exact"
                + (report.FirstMismatch is null ? "" : $"; {report.FirstMismatch}")
                + (report.Violation is null ? "; every layer wrote only its output and scratch" : $"; {report.Violation}"));
            foreach (var problem in report.MemoryProblems)
            {
                o.WriteLine($"  MEMORY    {problem}");
            }
            failures += report.MemoryProblems.Count + (report.Violation is null ? 0 : 1);
            failures += Verify(o, ModelPipeline.Prepare(modelPath, CommonOptions.ResolveBoard("host"), spec), folder, ExecutionTarget.Host, cases, "host build");
            o.WriteLine(failures == 0 ? "  result    bit-exact with the reference interpreter, within the memory plan" : $"  result    {failures} problem(s): see above");
            var page = RunReportFiles.Write(folder, RunReport.Of(prepared, report), prepared, CliContext.JsonOptions);
            o.WriteLine($"  report    {page}");
            return failures == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static int Verify(TextWriter o, PreparedModel model, string folder, ExecutionTarget target, IReadOnlyList<InputCase> cases, string label)
    {
        var report = FirmwareVerifier.Verify(model, Path.Combine(folder, model.Board.Name), target, cases);
        var exact = report.Cases.Count(r => r.BitExact);
        o.WriteLine($"  verify    {label}: {exact} of {report.Cases.Count} input sets bit-exact"
            + (report.FirstMismatch is null ? "" : $"; {report.FirstMismatch}"));
        return report.Cases.Count - exact;
    }

    private static string LocateDefaultModel(string folder, TextWriter o)
    {
        var models = ModelsFolder.Locate();
        if (models is not null && File.Exists(Path.Combine(models, DefaultModel)))
        {
            return Path.Combine(models, DefaultModel);
        }
        var path = Path.Combine(folder, "microgen_demo_net.tflite");
        File.WriteAllBytes(path, TfliteWriter.Write(DemoNetwork.Build(), "MicroGen demo network"));
        o.WriteLine($"(the shared models folder is absent: using MicroGen's own demo network, written to {path})");
        return path;
    }
}
