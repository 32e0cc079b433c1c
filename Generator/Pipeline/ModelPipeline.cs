using MicroGen.Boards;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Planning;

namespace MicroGen.Pipeline;

/// <summary>The stages in order: import, plan (and fit check), emit. Build and run are in Build/ and Run/.</summary>
public static class ModelPipeline
{
    public static PreparedModel Prepare(string modelPath, Board board, PlanOptions? planOptions = null)
    {
        var graph = ModelLoader.Load(modelPath);
        var plan = MemoryPlanner.Plan(graph, planOptions ?? new PlanOptions(board.Target));
        return new PreparedModel(modelPath, graph, board, plan);
    }

    /// <summary>Checks the fit, then renders the project (nothing is written here).</summary>
    public static GeneratedProject Generate(PreparedModel model, IReadOnlyList<byte[]>? testInputs = null, IReadOnlyList<byte[]>? expectedOutputs = null)
    {
        FitCheck.Require(model.Graph, model.Plan, model.Board);
        return FirmwareEmitter.Emit(model.Graph, model.Plan, model.Board, new EmitOptions(model.ModelName, testInputs, expectedOutputs));
    }
}
