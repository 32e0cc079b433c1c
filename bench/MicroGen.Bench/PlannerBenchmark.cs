using System.Diagnostics;
using System.Globalization;
using MicroGen.Diagnostics;
using MicroGen.Import;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Rewrites;

namespace MicroGen.Bench;

/// <summary>
/// Arena sizes per model: TFLM's (the anchor figures of ../shared/ANCHORS.md), MicroGen's per-layer plan and its
/// automatic plan (a patch stage or row-streamed segments, chosen for the input inside and for it outside the arena),
/// the lower bound, and the planning time.
/// </summary>
internal static class PlannerBenchmark
{
    /// <summary>TFLM MicroInterpreter::arena_used_bytes() per model, from ../shared/ANCHORS.md (reference kernels, Cortex-M4 build).</summary>
    private static readonly Dictionary<string, long> TflmArena = new()
    {
        ["arm_mlexamples_ds_cnn_s_quantized"] = 22_976,
        ["mcunet_320kb_1mb_imagenet"] = 503_332,
        ["mlperf_tiny_ad01_int8"] = 2_260,
        ["mlperf_tiny_kws_ref_model"] = 22_772,
        ["mlperf_tiny_pretrainedResnet_quant"] = 54_340,
        ["mlperf_tiny_str_ww_ref_model"] = 15_252,
        ["mlperf_tiny_vww_96_int8"] = 100_660,
        ["tflm_hello_world_int8"] = 676,
        ["tflm_micro_speech_quantized"] = 6_788,
        ["tflm_person_detect"] = 82_292,
        ["tflm_simple_add_model"] = 49_604,
        ["tflm_trained_lstm_int8"] = 3_220,
        ["tinyengine_vww"] = 219_744,
    };

    public static int Run(string[] args)
    {
        var n = CultureInfo.InvariantCulture;
        Console.WriteLine("| model | TFLM arena | ours per-layer | / TFLM | ours patched (plan) | patched, input outside | lower bound (per-layer) | planning ms |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var path in BenchModels.Find(args))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                var clock = Stopwatch.StartNew();
                var graph = GraphRewriter.Optimize(ModelLoader.Load(path));
                var options = PlanOptions.Default;
                var perLayer = MemoryPlanner.Plan(graph, options);
                var chosen = PatchSpec.Automatic.Resolve(graph, options, perLayer, PatchPlanner.DefaultBudget);
                var patched = chosen.IsPerLayer ? null : MemoryPlanner.Plan(graph, options, patch: chosen.Stage, streams: chosen.Streams);
                // With the input outside the arena the choice is made for that figure (as `plan --input-outside` does).
                var outsideOptions = options with { InputOutsideArena = true };
                var outsideChoice = PatchSpec.Automatic.Resolve(graph, outsideOptions, MemoryPlanner.Plan(graph, outsideOptions), PatchPlanner.DefaultBudget);
                var outside = outsideChoice.IsPerLayer ? null : MemoryPlanner.Plan(graph, outsideOptions, patch: outsideChoice.Stage, streams: outsideChoice.Streams);
                var ms = clock.Elapsed.TotalMilliseconds;
                var tflm = TflmArena.GetValueOrDefault(name);
                Console.WriteLine($"| {name} | {(tflm == 0 ? "-" : tflm.ToString("N0", n))} | {perLayer.ArenaBytes.ToString("N0", n)} | "
                    + $"{(tflm == 0 ? "-" : ((double)perLayer.ArenaBytes / tflm).ToString("0.00", n))} | "
                    + (patched is null ? "no better plan | " : $"{patched.ArenaBytes.ToString("N0", n)} ({Describe(chosen)}) | ")
                    + (outside is null ? "- | " : $"{outside.ArenaBytes.ToString("N0", n)} ({Describe(outsideChoice)}) | ")
                    + $"{perLayer.LowerBoundBytes.ToString("N0", n)} | {ms.ToString("0", n)} |");
            }
            catch (UserErrorException e)
            {
                Console.WriteLine($"| {name} | - | not planned: {e.Message} | | | | | |");
            }
        }
        return 0;
    }

    private static string Describe(PatchChoice choice) => choice.Stage is { } stage
        ? $"{stage.Rows}x{stage.Cols} until op {stage.SplitNumber}, +{stage.MacOverhead.ToString("P1", CultureInfo.InvariantCulture)} MACs"
        : $"{choice.Streams.Length} row-streamed segment{(choice.Streams.Length == 1 ? "" : "s")}, ops {string.Join(", ", choice.Streams.Select(s => $"{s.FirstNumber}-{s.LastNumber}"))}";
}
