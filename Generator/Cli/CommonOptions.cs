using System.CommandLine;
using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.IO;
using MicroGen.Ir;

namespace MicroGen.Cli;

/// <summary>Options several verbs share, and reading them.</summary>
public static class CommonOptions
{
    public static Argument<string> Model() => new("model") { Description = "The model file (.tflite or .onnx)." };

    public static Option<string> Board(bool required, string defaultValue = "") => new("--board")
    {
        Description = "The board profile (see `microgen boards`).",
        Required = required,
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<string> Patches() => new("--patches")
    {
        Description = "Patch-based execution of the first stage or row-streamed segments: off, auto (the lower peak of the best patch stage and the best row-streamed segments), or ROWSxCOLS@OPERATOR (e.g. 2x2@5).",
        DefaultValueFactory = _ => "off",
    };

    public static Option<double> PatchBudget() => new("--patch-budget")
    {
        Description = "With --patches auto: the most extra MACs allowed, as a fraction of the model's (default 0.15).",
        DefaultValueFactory = _ => 0.15,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };

    public static Option<string[]> Inputs() => new("--input") { Description = "A .npy file per model input, in the model's input order." };

    public static Option<string[]> Outputs() => new("--output") { Description = "A .npy file per model output, in the model's output order." };

    public static Board ResolveBoard(string name) => BoardCatalog.Load().Get(name);

    /// <summary>Reads the --input files and checks them against the model (count, dtype, shape).</summary>
    public static byte[][] ReadInputs(Graph graph, string[] paths)
    {
        if (paths.Length != graph.Inputs.Length)
        {
            throw new UserErrorException($"the model has {graph.Inputs.Length} inputs but {paths.Length} --input files were given");
        }
        return paths.Select((p, i) => InferVerb.CheckedInput(graph, i, NpyArray.Read(p), p)).ToArray();
    }

    /// <summary>Writes outputs as .npy files (all or none).</summary>
    public static void WriteOutputs(Graph graph, string[] paths, IReadOnlyList<byte[]> outputs)
    {
        if (paths.Length == 0)
        {
            return;
        }
        if (paths.Length != graph.Outputs.Length)
        {
            throw new UserErrorException($"the model has {graph.Outputs.Length} outputs but {paths.Length} --output files were given");
        }
        AtomicFiles.WriteAll(graph.OutputTensors.Select((t, i) => (paths[i], new NpyArray(t.Type, t.Shape, outputs[i]).ToBytes())));
    }
}
