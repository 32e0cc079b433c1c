using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Simulator;

namespace MicroGen.Verify;

/// <summary>
/// Generates, builds and runs the firmware on each input case and compares every output byte with the reference
/// interpreter (on the model as imported). In the simulator it also checks memory like outputs: the arena high-water
/// mark within the plan, the stack within its reservation, and with <c>checkMemory</c> every store of every layer.
/// On a mismatch it builds the debug firmware (one mg-layer line per layer), reruns the first failing case and names the
/// first layer that differs.
/// </summary>
public static class FirmwareVerifier
{
    public static VerificationReport Verify(PreparedModel model, string folder, ExecutionTarget target, IReadOnlyList<InputCase> cases,
        bool checkMemory = false)
    {
        var project = ModelPipeline.Generate(model, cases.Count > 0 ? cases[0].Inputs : null);
        project.WriteTo(folder);
        var build = FirmwareBuilder.Build(folder, model.Board);
        var interpreter = new ReferenceInterpreter(model.Original);
        var results = new List<CaseResult>();
        SimulationResult? firstSimulation = null;
        var checker = checkMemory && target == ExecutionTarget.Simulator ? new MemoryChecker(model, build.Executable) : null;
        foreach (var inputCase in cases)
        {
            interpreter.Buffers.ResetVariables();
            var expected = interpreter.Invoke(inputCase.Inputs);
            var (transcript, simulation) = Execute(build.Executable, model, target, inputCase, checker);
            firstSimulation ??= simulation;
            var actual = Enumerable.Range(0, expected.Length)
                .Select(i => transcript.Outputs.TryGetValue(i, out var bytes) ? bytes
                    : throw new UserErrorException($"{inputCase.Label}: the firmware printed no mg-output line for output {i}"))
                .ToArray();
            var differing = Enumerable.Range(0, expected.Length).Where(i => !actual[i].AsSpan().SequenceEqual(expected[i])).ToList();
            results.Add(new CaseResult(inputCase.Label, expected, actual, differing));
        }
        LayerMismatch? mismatch = null;
        var failing = results.FindIndex(r => !r.BitExact);
        if (failing >= 0)
        {
            var debug = FirmwareBuilder.Build(folder, model.Board, "debug");
            var (transcript, _) = Execute(debug.Executable, model, target, cases[failing], null);
            var order = model.Plan.Steps.Select(s => s.IsPatchStage ? model.Plan.Patch!.SplitNumber : s.IsStream ? model.Plan.Streams[s.Stream].LastNumber : model.Graph.Operators[s.Operator].Number).ToList();
            mismatch = LayerComparison.FirstDifference(model.Original, cases[failing].Inputs, transcript, order);
        }
        return new VerificationReport(model.ModelName, model.Board.Name, target, build, results, mismatch, firstSimulation,
            firstSimulation is null ? [] : MemoryProblems(model, firstSimulation), checker?.Violation);
    }

    /// <summary>Measured memory against the plan and the board: arena high-water mark and stack peak.</summary>
    private static List<string> MemoryProblems(PreparedModel model, SimulationResult simulation)
    {
        var problems = new List<string>();
        if (simulation.ArenaHighWaterBytes > model.Plan.ArenaBytes)
        {
            problems.Add($"arena high-water mark {simulation.ArenaHighWaterBytes:N0} bytes exceeds the planned {model.Plan.ArenaBytes:N0}");
        }
        var stack = simulation.StackLimitBytes ?? (uint)model.Board.StackBytes;
        if (simulation.PeakStackBytes > stack)
        {
            problems.Add($"stack peak {simulation.PeakStackBytes:N0} bytes exceeds the {stack:N0} reserved in region {model.Board.StackRegion}");
        }
        return problems;
    }

    private static (FirmwareTranscript Transcript, SimulationResult? Simulation) Execute(string executable, PreparedModel model, ExecutionTarget target,
        InputCase inputCase, MemoryChecker? checker)
    {
        switch (target)
        {
            case ExecutionTarget.Host:
                return (FirmwareRunner.OnHost(executable, inputCase.Inputs), null);
            case ExecutionTarget.Qemu:
                return (FirmwareRunner.OnQemu(executable, model.Board, inputCase.Inputs), null);
            default:
                var run = FirmwareRunner.OnSimulator(executable, model.Board, inputCase.Inputs, writeObserver: checker is null ? null : checker.Observe);
                return (run.Transcript, run.Simulation);
        }
    }
}
