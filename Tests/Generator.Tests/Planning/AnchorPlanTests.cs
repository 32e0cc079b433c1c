using MicroGen.Import;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Rewrites;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using NUnit.Framework;

namespace MicroGen.Tests.Planning;

/// <summary>
/// The planner against the published figures of the systems it replaces (../shared/ANCHORS.md): TFLM's arena per
/// shared model, and TinyEngine's own plans of tinyengine_vww. The anchors are measurements of other tools, not of
/// this code.
/// </summary>
public class AnchorPlanTests
{
    /// <summary>TFLM's arena_used_bytes() per convolutional shared model (ANCHORS.md, "Peak SRAM").</summary>
    private static readonly (string Model, long TflmArena)[] ConvolutionalModels =
    [
        ("arm_mlexamples_ds_cnn_s_quantized.tflite", 22_976),
        ("mcunet_320kb_1mb_imagenet.tflite", 503_332),
        ("mlperf_tiny_kws_ref_model.tflite", 22_772),
        ("mlperf_tiny_pretrainedResnet_quant.tflite", 54_340),
        ("mlperf_tiny_str_ww_ref_model.tflite", 15_252),
        ("mlperf_tiny_vww_96_int8.tflite", 100_660),
        ("tflm_micro_speech_quantized.tflite", 6_788),
        ("tflm_person_detect.tflite", 82_292),
        ("tinyengine_vww.tflite", 219_744),
    ];

    private static IEnumerable<TestCaseData> Models() => ConvolutionalModels.Select(m => new TestCaseData(m.Model, m.TflmArena).SetName($"HalfOfTflm({m.Model})"));

    [TestCaseSource(nameof(Models))]
    public void BestPlanNeedsAtMostHalfOfTflmsArena(string model, long tflmArena)
    {
        var graph = Load(model);
        var perLayer = MemoryPlanner.Plan(graph, PlanOptions.Default);
        var stage = PatchPlanner.Auto(graph, PlanOptions.Default, perLayer);
        var best = Math.Min(perLayer.ArenaBytes, stage is null ? long.MaxValue : MemoryPlanner.Plan(graph, PlanOptions.Default, patch: stage).ArenaBytes);
        TestContext.Out.WriteLine($"{model}: TFLM {tflmArena}, ours per-layer {perLayer.ArenaBytes}, best {best} ({(double)best / tflmArena:F2})");
        if (model == "tflm_micro_speech_quantized.tflite")
        {
            // Its DEPTHWISE_CONV_2D output alone (4,000 bytes) exceeds half of TFLM's 6,788: only fusing that layer
            // with the FULLY_CONNECTED that reduces it would get there. Below TFLM, and near the 4,000-byte floor:
            // within 5 % of it on the plain kernels, within 10 % with the optimised convolution's im2col scratch.
            Assert.That(best, Is.LessThan(tflmArena));
            Assert.That(best, Is.LessThan(4_000 + 4_000 / 10));
            var plain = PlanOptions.Default with { Target = PlanOptions.Default.Target.WithKernels(KernelChoice.Reference) };
            Assert.That(MemoryPlanner.Plan(graph, plain).ArenaBytes, Is.LessThan(4_000 + 4_000 / 20));
            return;
        }
        Assert.That(best, Is.LessThanOrEqualTo(tflmArena / 2));
    }

    [Test]
    public void TinyEngineVwwPerLayerIsBelowTinyEngines()
    {
        // TinyEngine per-layer: 93,992 bytes (arena, im2col and weight scratch). Ours holds even the float32 input.
        var plan = MemoryPlanner.Plan(Load("tinyengine_vww.tflite"), PlanOptions.Default);
        TestContext.Out.WriteLine($"per-layer {plan.ArenaBytes} bytes");
        Assert.That(plan.ArenaBytes, Is.LessThan(93_992));
    }

    [Test]
    public void TinyEngineVwwAutomaticPatchesWithTheInputOutsideBeatTinyEnginesManualPlanAndStayExact()
    {
        // TinyEngine's hand-picked 2x2 patches split after op 5, input image outside the arena: 62,352 bytes, +2.8 % MACs.
        var graph = Load("tinyengine_vww.tflite");
        var options = PlanOptions.Default with { InputOutsideArena = true };
        var perLayer = MemoryPlanner.Plan(graph, options);
        var stage = PatchPlanner.Auto(graph, options, perLayer);
        Assert.That(stage, Is.Not.Null);
        var patched = MemoryPlanner.Plan(graph, options, patch: stage);
        TestContext.Out.WriteLine($"{stage!.Rows}x{stage.Cols} patches until operator {stage.SplitOperator}: {patched.ArenaBytes} bytes, +{stage.MacOverhead:P1} MACs");
        Assert.That(patched.ArenaBytes, Is.LessThan(62_352));
        Assert.That(stage.MacOverhead, Is.LessThanOrEqualTo(PatchPlanner.DefaultBudget));
        var inputs = FirmwareHarness.RandomInputs(graph, new Random(11));
        Assert.That(new ReferenceInterpreter(graph, patch: stage).Invoke(inputs), Is.EqualTo(new ReferenceInterpreter(graph).Invoke(inputs)));
    }

    private static Graph Load(string model) => GraphRewriter.Optimize(ModelLoader.Load(Path.Combine(SharedModels.Directory, model)));
}
