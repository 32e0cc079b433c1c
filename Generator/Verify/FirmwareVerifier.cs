using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Reference;
using MicroGen.Run;

namespace MicroGen.Verify;

/// <summary>
/// Runs built firmware on each input case and compares every output byte with the reference interpreter.
/// </summary>
public static class FirmwareVerifier
{
    public static IReadOnlyList<CaseResult> Verify(PreparedModel model, BuildResult build, Board runBoard, ExecutionTarget target,
        IReadOnlyList<InputCase> cases)
    {
        var interpreter = new ReferenceInterpreter(model.Original);
        var results = new List<CaseResult>();
        foreach (var inputCase in cases)
        {
            interpreter.Buffers.ResetVariables();
            var expected = interpreter.Invoke(inputCase.Inputs);
            var transcript = target switch
            {
                ExecutionTarget.Host => FirmwareRunner.OnHost(build.Executable, inputCase.Inputs),
                _ => FirmwareRunner.OnQemu(build.Executable, runBoard, inputCase.Inputs),
            };
            var actual = Enumerable.Range(0, expected.Length)
                .Select(i => transcript.Outputs.TryGetValue(i, out var bytes) ? bytes
                    : throw new UserErrorException($"{inputCase.Label}: the firmware printed no mg-output line for output {i}"))
                .ToArray();
            var differing = Enumerable.Range(0, expected.Length).Where(i => !actual[i].AsSpan().SequenceEqual(expected[i])).ToList();
            results.Add(new CaseResult(inputCase.Label, expected, actual, differing));
        }
        return results;
    }
}
