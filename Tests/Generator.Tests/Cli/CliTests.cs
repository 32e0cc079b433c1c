using System.Text.Json;
using MicroGen.Cli;
using MicroGen.IO;
using MicroGen.Ir;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Cli;

public class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = new MicroGenCli(output, error).Run(args);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Hello => SharedModels.PathOf("tflm_hello_world_int8.tflite");

    [Test]
    public void InspectReportsOperatorsMacsAndTotals()
    {
        var (exit, text, _) = Run("inspect", Hello);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(text, Does.Contain("FULLY_CONNECTED").And.Contain("total MACs 288"));
        var (jsonExit, json, _) = Run("inspect", Hello, "--json");
        Assert.That(jsonExit, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("total_macs").GetInt64(), Is.EqualTo(288));
        Assert.That(doc.RootElement.GetProperty("operators").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public void InferRejectsAShapeMismatchNamingBothShapes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mg-wrong-{Environment.ProcessId}.npy");
        new NpyArray(DataType.Int8, new[] { 1, 2 }, new byte[2]).Write(path);
        var (exit, _, err) = Run("infer", Hello, "--input", path);
        File.Delete(path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(err, Does.Contain("int8 (1, 2)").And.Contain("expects int8 (1, 1)"));
    }

    [Test]
    public void InferWritesTheReferenceOutputs()
    {
        var input = Path.Combine(Path.GetTempPath(), $"mg-in-{Environment.ProcessId}.npy");
        var output = Path.Combine(Path.GetTempPath(), $"mg-out-{Environment.ProcessId}.npy");
        new NpyArray(DataType.Int8, new[] { 1, 1 }, [37]).Write(input);
        var (exit, _, err) = Run("infer", Hello, "--input", input, "--output", output);
        Assert.That(exit, Is.EqualTo(0), err);
        var result = NpyArray.Read(output);
        Assert.That(result.Shape, Is.EqualTo(new EquatableArray<int>(new[] { 1, 1 })));
        File.Delete(input);
        File.Delete(output);
    }

    [Test]
    public void ATruncatedModelIsOneLineExitTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mg-trunc-{Environment.ProcessId}.tflite");
        File.WriteAllBytes(path, File.ReadAllBytes(Hello).AsSpan(0, 700).ToArray());
        var (exit, _, err) = Run("inspect", path);
        File.Delete(path);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("microgen: error: ").And.Contain("byte"));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void PlanOnATooSmallBoardNamesTheRegionAndBytesOver()
    {
        var (exit, _, err) = Run("plan", SharedModels.PathOf("mcunet_320kb_1mb_imagenet.tflite"), "--board", "nucleo-l073rz");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("does not fit nucleo-l073rz: region RAM").And.Contain("over by"));
    }

    /// <summary>
    /// The plan's JSON keys, on micro_speech with a manual 5x1 grid reduced into its FULLY_CONNECTED (operator 2): the
    /// depthwise map (25x20x8 = 4,000 bytes) never gets a buffer, so the peak stays below the 1,960-byte input plus it.
    /// </summary>
    [Test]
    public void PlanJsonCarriesThePatchStageAndItsTail()
    {
        var (exit, json, err) = Run("plan", SharedModels.PathOf("tflm_micro_speech_quantized.tflite"), "--patches", "5x1@2", "--json");
        Assert.That(exit, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var key in new[] { "peak_sram_bytes", "peak_sram_bytes_input_outside", "arena_bytes", "scratch_bytes", "lower_bound_bytes", "mac_overhead", "buffers" })
        {
            Assert.That(root.TryGetProperty(key, out _), Is.True, key);
        }
        var patch = root.GetProperty("patch");
        Assert.That((patch.GetProperty("rows").GetInt32(), patch.GetProperty("cols").GetInt32(), patch.GetProperty("split_op").GetInt32(), patch.GetProperty("tail_op").GetInt32()),
            Is.EqualTo((5, 1, 2, 2)));
        Assert.That(root.GetProperty("peak_sram_bytes").GetInt64(), Is.LessThan(1_960 + 4_000));
        Assert.That(root.GetProperty("mac_overhead").GetDouble(), Is.EqualTo(0.0), "one depthwise layer from a held input recomputes nothing");
        var (_, text, _) = Run("plan", SharedModels.PathOf("tflm_micro_speech_quantized.tflite"), "--patches", "5x1@2");
        Assert.That(text, Does.Contain("operator order: 0 [1 2] 3").And.Contain("5x1 until operator 2 (its input summed patch by patch"));
    }

    /// <summary>ResNet-8's automatic plan streams its residual blocks row by row: JSON lists the segments, the text names them.</summary>
    [Test]
    public void PlanJsonListsRowStreamedSegments()
    {
        var model = SharedModels.PathOf("mlperf_tiny_pretrainedResnet_quant.tflite");
        var (exit, json, err) = Run("plan", model, "--patches", "auto", "--json");
        Assert.That(exit, Is.EqualTo(0), err);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("patch").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.That(streams, Is.Not.Empty);
        foreach (var stream in streams)
        {
            Assert.That(stream.GetProperty("first_op").GetInt32(), Is.LessThan(stream.GetProperty("last_op").GetInt32()));
            Assert.That(stream.GetProperty("bands").GetInt32() * stream.GetProperty("band_rows").GetInt32(), Is.GreaterThan(0));
            Assert.That(stream.GetProperty("window_bytes").GetInt64(), Is.GreaterThan(0));
        }
        Assert.That(root.GetProperty("mac_overhead").GetDouble(), Is.EqualTo(0.0), "line buffers recompute nothing");
        var (_, text, _) = Run("plan", model, "--patches", "off");
        var (_, streamed, _) = Run("plan", model, "--patches", "auto");
        Assert.That(streamed, Does.Contain("row by row with line buffers (no extra MACs): operators " + streams[0].GetProperty("first_op").GetInt32()));
        Assert.That(text, Does.Contain("patches: none"));
    }

    [Test]
    public void UnknownVerbOrOptionIsExitTwo()
    {
        Assert.That(Run("frobnicate").Exit, Is.EqualTo(2));
        Assert.That(Run("inspect", Hello, "--bogus").Exit, Is.EqualTo(2));
    }

    [Test]
    [Category("Firmware")]
    public void RunOnTheHostIsBitExact()
    {
        var (exit, text, err) = Run("run", Hello, "--board", "host", "--inputs", "2");
        Assert.That(exit, Is.EqualTo(0), err);
        Assert.That(text, Does.Contain("all 2 input sets bit-exact"));
    }
}
