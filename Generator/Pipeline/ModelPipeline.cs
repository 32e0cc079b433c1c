using MicroGen.Boards;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Rewrites;

namespace MicroGen.Pipeline;

/// <summary>The stages in order: import, plan (and fit check), emit. Build and run are in Build/ and Run/.</summary>
public static class ModelPipeline
{
    public static PreparedModel Prepare(string modelPath, Board board, PatchSpec? patches = null, double budget = PatchPlanner.DefaultBudget)
    {
        var original = ModelLoader.Load(modelPath);
        var graph = GraphRewriter.Optimize(original);
        return new PreparedModel(modelPath, original, graph, board, PlanFor(graph, new PlanOptions(board.Target), patches ?? PatchSpec.Off, budget));
    }

    /// <summary>The per-layer plan, or the plan with the patch stage or row-streamed segments the patch choice yields.</summary>
    public static MemoryPlan PlanFor(Ir.Graph graph, PlanOptions options, PatchSpec patches, double budget = PatchPlanner.DefaultBudget)
    {
        var perLayer = MemoryPlanner.Plan(graph, options);
        var choice = patches.Resolve(graph, options, perLayer, budget);
        return choice.IsPerLayer ? perLayer : MemoryPlanner.Plan(graph, options, patch: choice.Stage, streams: choice.Streams);
    }

    /// <summary>Checks the fit, then renders the project (nothing is written here).</summary>
    public static GeneratedProject Generate(PreparedModel model, IReadOnlyList<byte[]>? testInputs = null, IReadOnlyList<byte[]>? expectedOutputs = null)
    {
        FitCheck.Require(model.Graph, model.Plan, model.Board);
        return FirmwareEmitter.Emit(model.Graph, model.Plan, model.Board, new EmitOptions(model.ModelName, testInputs, expectedOutputs));
    }
}
