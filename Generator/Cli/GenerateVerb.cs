using MicroGen.Planning.Patches;
using System.CommandLine;
using MicroGen.Pipeline;

namespace MicroGen.Cli;

/// <summary>`microgen generate MODEL --board NAME -o DIR [--input A.npy ...]`: write the C project.</summary>
public sealed class GenerateVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board(required: true);
        var output = new Option<string>("--out", "-o") { Description = "The folder to write the project to.", Required = true };
        var inputs = CommonOptions.Inputs();
        inputs.Description = "Test vectors linked into the firmware as its default inputs (zeros when omitted).";
        var patches = CommonOptions.Patches();
        var budget = CommonOptions.PatchBudget();
        var command = new Command("generate", "Generate the C project (model, kernels, harness, linker script, Makefile) for a board.")
            { model, board, output, inputs, patches, budget };
        command.SetAction(parse =>
        {
            var prepared = ModelPipeline.Prepare(parse.GetValue(model)!, CommonOptions.ResolveBoard(parse.GetValue(board)!),
                PatchSpec.Parse(parse.GetValue(patches)!), parse.GetValue(budget));
            var inputPaths = parse.GetValue(inputs) ?? [];
            var vectors = inputPaths.Length == 0 ? null : CommonOptions.ReadInputs(prepared.Graph, inputPaths);
            var project = ModelPipeline.Generate(prepared, vectors);
            var folder = parse.GetValue(output)!;
            project.WriteTo(folder);
            context.Out.WriteLine($"wrote {project.Files.Count} files to {folder} (arena {prepared.Plan.ArenaBytes:N0} bytes); build with `microgen build {folder}` or `make -C {folder}`");
            return ExitCodes.Success;
        });
        return command;
    }
}
