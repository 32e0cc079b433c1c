using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning;
using MicroGen.Run;

namespace MicroGen.Tests.Support;

/// <summary>Generates, builds and runs firmware for a graph, for the end-to-end tests.</summary>
public static class FirmwareHarness
{
    private static readonly Lazy<BoardCatalog> Catalog = new(() => BoardCatalog.Load());

    public static Board Board(string name) => Catalog.Value.Get(name);

    /// <summary>Generates and builds the graph for a board in a fresh temporary folder; returns the folder and build.</summary>
    public static (string Folder, BuildResult Build) Build(Graph graph, string boardName, string modelName, IReadOnlyList<byte[]>? testInputs = null,
        bool inPlace = true)
    {
        var board = Board(boardName);
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(board.Target, InPlace: inPlace));
        var project = FirmwareEmitter.Emit(graph, plan, board, new EmitOptions(modelName, testInputs));
        var folder = Directory.CreateTempSubdirectory("microgen-test-").FullName;
        project.WriteTo(folder);
        return (folder, FirmwareBuilder.Build(folder, board));
    }

    /// <summary>Runs the host build once per input set and returns the printed outputs of each run.</summary>
    public static List<byte[][]> RunOnHost(Graph graph, string modelName, IReadOnlyList<IReadOnlyList<byte[]>> inputSets, bool inPlace = true)
    {
        var (folder, build) = Build(graph, "host", modelName, inPlace: inPlace);
        try
        {
            return inputSets.Select(inputs => Outputs(graph, FirmwareRunner.OnHost(build.Executable, inputs))).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Emits the graph with the given plan for a board, builds it in a temporary folder and runs it once (on the host, or
    /// in the simulator for an MCU board); returns the printed outputs. <paramref name="target"/> overrides the board's
    /// kernel choice (it must be the one the plan was made for).
    /// </summary>
    public static byte[][] RunPlan(Graph graph, MemoryPlan plan, Board board, string modelName, IReadOnlyList<byte[]> inputs, TargetFeatures? target = null)
    {
        var project = FirmwareEmitter.Emit(graph, plan, board, new EmitOptions(modelName, Target: target));
        var folder = Directory.CreateTempSubdirectory("microgen-plan-").FullName;
        try
        {
            project.WriteTo(folder);
            var build = FirmwareBuilder.Build(folder, board);
            var transcript = board.IsHost ? FirmwareRunner.OnHost(build.Executable, inputs) : FirmwareRunner.OnSimulator(build.Executable, board, inputs).Transcript;
            return Outputs(graph, transcript);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static byte[][] Outputs(Graph graph, FirmwareTranscript transcript) =>
        Enumerable.Range(0, graph.Outputs.Length).Select(i =>
            transcript.Outputs.TryGetValue(i, out var bytes) ? bytes : throw new AssertionException($"no output {i} in:\n{transcript.Text}")).ToArray();

    /// <summary>Seeded random bytes for every graph input (int8 covers the full range).</summary>
    public static byte[][] RandomInputs(Graph graph, Random random) =>
        graph.InputTensors.Select(t =>
        {
            var bytes = new byte[t.SizeInBytes];
            if (t.Type == DataType.Float32)
            {
                var floats = new float[t.ElementCount];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = (float)(random.NextDouble() * 2 - 1);
                }
                Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
            }
            else
            {
                random.NextBytes(bytes);
            }
            return bytes;
        }).ToArray();
}
