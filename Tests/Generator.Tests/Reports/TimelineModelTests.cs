using MicroGen.Import;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Rewrites;
using MicroGen.Reports;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Reports;

public class TimelineModelTests
{
    /// <summary>
    /// micro_speech's RESHAPE aliases its model input: both tensors occupy the same bytes, and the model input's box is
    /// drawn after (over) the alias's, so the picture shows the input in the model-input colour.
    /// </summary>
    [Test]
    public void AnAliasedModelInputIsDrawnOnTop()
    {
        var graph = GraphRewriter.Optimize(ModelLoader.Load(SharedModels.PathOf("tflm_micro_speech_quantized.tflite")));
        var stage = PatchPlanner.Build(graph, PatchPlanner.Candidates(graph, [0, 1, 2, 3])[^1], 5, 1);
        var plan = MemoryPlanner.Plan(graph, PlanOptions.Default, patch: stage);
        var boxes = TimelineModel.Of(plan, graph).Boxes.ToList();
        var input = boxes.FindIndex(b => b.Kind == "modelinput");
        var alias = boxes.FindIndex(b => b.Kind == "activation" && b.Y == boxes[input].Y && b.Height == boxes[input].Height);
        Assert.That(alias, Is.GreaterThanOrEqualTo(0), "the RESHAPE output shares the input's bytes");
        Assert.That(input, Is.GreaterThan(alias));
    }
}
