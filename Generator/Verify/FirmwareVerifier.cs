using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Reference;
using MicroGen.Run;

namespace MicroGen.Verify;

/// <summary>
/// Generates, builds and runs the firmware on each input case and compares every output byte with the reference
/// interpreter (on the model as imported). On a mismatch it builds the debug firmware (one mg-layer line per layer),
/// reruns the first failing case and names the first layer that differs.
/// </summary>
public static class FirmwareVerifier
{
    public static VerificationReport Verify(PreparedModel model, string folder, ExecutionTarget target, IReadOnlyList<InputCase> cases)
    {
        var project = ModelPipeline.Generate(model, cases.Count > 0 ? cases[0].Inputs : null);
        project.WriteTo(folder);
        var build = FirmwareBuilder.Build(folder, model.Board);
        var interpreter = new ReferenceInterpreter(model.Original);
        var results = new List<CaseResult>();
        foreach (var inputCase in cases)
        {
            interpreter.Buffers.ResetVariables();
            var expected = interpreter.Invoke(inputCase.Inputs);
            var transcript = Execute(build.Executable, model, target, inputCase);
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
            var transcript = Execute(debug.Executable, model, target, cases[failing]);
            var order = model.Plan.Steps.SelectMany(s => s.IsPatchStage
                ? [model.Plan.Patch!.SplitNumber]
                : new[] { model.Graph.Operators[s.Operator].Number }).ToList();
            mismatch = LayerComparison.FirstDifference(model.Original, cases[failing].Inputs, transcript, order);
        }
        return new VerificationReport(model.ModelName, model.Board.Name, target, build, results, mismatch);
    }

    private static FirmwareTranscript Execute(string executable, PreparedModel model, ExecutionTarget target, InputCase inputCase) =>
        target switch
        {
            ExecutionTarget.Host => FirmwareRunner.OnHost(executable, inputCase.Inputs),
            _ => FirmwareRunner.OnQemu(executable, model.Board, inputCase.Inputs),
        };
}
