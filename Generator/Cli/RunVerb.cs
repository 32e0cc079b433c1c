using MicroGen.Planning.Patches;
using System.CommandLine;
using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Pipeline;
using MicroGen.Reference;
using MicroGen.Run;

namespace MicroGen.Cli;

/// <summary>
/// `microgen run MODEL --board NAME --input A.npy ... [--output OUT.npy ...] [--on host|qemu] [--json]`:
/// generate, build, execute, write what the firmware printed, and compare it with the reference interpreter.
/// </summary>
public sealed class RunVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board(required: true);
        var inputs = CommonOptions.Inputs();
        inputs.Required = true;
        var outputs = CommonOptions.Outputs();
        var on = new Option<string>("--on") { Description = "Where to run: host (the host build) or qemu (mps2 boards).", DefaultValueFactory = _ => "" };
        on.AcceptOnlyFromAmong("", "host", "qemu");
        var keep = new Option<string?>("--keep") { Description = "Keep the generated project in this folder." };
        var json = CommonOptions.Json();
        var patches = CommonOptions.Patches();
        var budget = CommonOptions.PatchBudget();
        var command = new Command("run", "Generate, build and run the firmware, and check its outputs against the reference interpreter.")
            { model, board, inputs, outputs, on, keep, patches, budget, json };
        command.SetAction(parse =>
        {
            var chosen = CommonOptions.ResolveBoard(parse.GetValue(board)!);
            var where = parse.GetValue(on)!;
            if (where.Length == 0)
            {
                where = chosen.IsHost ? "host" : chosen.QemuMachine is not null ? "qemu"
                    : throw new UserErrorException($"board {chosen.Name} runs only on hardware or in the simulator; use --on qemu with an mps2 board or --board host");
            }
            if (where == "host" && !chosen.IsHost)
            {
                throw new UserErrorException($"--on host runs the host build; use --board host (board {chosen.Name} is a {chosen.CoreName})");
            }
            var prepared = ModelPipeline.Prepare(parse.GetValue(model)!, chosen, PatchSpec.Parse(parse.GetValue(patches)!), parse.GetValue(budget));
            var data = CommonOptions.ReadInputs(prepared.Graph, parse.GetValue(inputs) ?? []);
            var expected = new ReferenceInterpreter(prepared.Graph).Invoke(data);
            var project = ModelPipeline.Generate(prepared, data, expected);
            var keepDir = parse.GetValue(keep);
            var folder = keepDir ?? Directory.CreateTempSubdirectory("microgen-").FullName;
            try
            {
                project.WriteTo(folder);
                var build = FirmwareBuilder.Build(folder, chosen);
                var transcript = where == "host"
                    ? FirmwareRunner.OnHost(build.Executable, data)
                    : FirmwareRunner.OnQemu(build.Executable, chosen, data);
                var actual = Enumerable.Range(0, prepared.Graph.Outputs.Length)
                    .Select(i => transcript.Outputs.TryGetValue(i, out var bytes) ? bytes
                        : throw new UserErrorException($"the firmware printed no mg-output line for output {i}")).ToArray();
                CommonOptions.WriteOutputs(prepared.Graph, parse.GetValue(outputs) ?? [], actual);
                var mismatches = Enumerable.Range(0, actual.Length).Where(i => !actual[i].AsSpan().SequenceEqual(expected[i])).ToList();
                if (parse.GetValue(json))
                {
                    context.WriteJson(new
                    {
                        Model = prepared.ModelName, Board = chosen.Name, On = where, BitExact = mismatches.Count == 0,
                        build.FlashBytes, build.StaticRamBytes, ArenaBytes = prepared.Plan.ArenaBytes,
                        Outputs = actual.Select(Convert.ToHexString),
                    });
                }
                else
                {
                    context.Out.WriteLine($"{prepared.ModelName} on {chosen.Name} ({where}): flash {build.FlashBytes:N0} bytes, static RAM {build.StaticRamBytes:N0} bytes, arena {prepared.Plan.ArenaBytes:N0} bytes");
                    context.Out.WriteLine(mismatches.Count == 0
                        ? $"outputs bit-exact with the reference interpreter ({actual.Sum(a => a.Length)} bytes)"
                        : $"outputs DIFFER from the reference interpreter: output(s) {string.Join(", ", mismatches)}");
                }
                return mismatches.Count == 0 ? ExitCodes.Success : ExitCodes.VerificationFailed;
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
}
