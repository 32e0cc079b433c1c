using MicroGen.Build;
using MicroGen.Emit;
using MicroGen.Pipeline;
using MicroGen.Planning.Patches;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Emit;

/// <summary>Same inputs give byte-identical generated files and ELF.</summary>
[Category("Firmware")]
public class DeterminismTests
{
    /// <summary>Per layer (hello_world), and with the automatic plan's row-streamed segments planned afresh each time (ResNet-8).</summary>
    [TestCase("tflm_hello_world_int8.tflite", "off")]
    [TestCase("mlperf_tiny_pretrainedResnet_quant.tflite", "auto")]
    public void GeneratingTwiceGivesIdenticalFilesAndBuildingTwiceIdenticalElf(string model, string patches)
    {
        var board = FirmwareHarness.Board("mps2-an386");
        var first = Generate(board, model, patches);
        var second = Generate(board, model, patches);
        Assert.That(second.Files.Select(f => f.Path), Is.EqualTo(first.Files.Select(f => f.Path)));
        for (var i = 0; i < first.Files.Count; i++)
        {
            Assert.That(second.Files[i].Content, Is.EqualTo(first.Files[i].Content), first.Files[i].Path);
        }
        var a = Directory.CreateTempSubdirectory("microgen-det-a-").FullName;
        var b = Directory.CreateTempSubdirectory("microgen-det-b-").FullName;
        try
        {
            first.WriteTo(a);
            second.WriteTo(b);
            var elfA = File.ReadAllBytes(FirmwareBuilder.Build(a, board).Executable);
            var elfB = File.ReadAllBytes(FirmwareBuilder.Build(b, board).Executable);
            Assert.That(elfB, Is.EqualTo(elfA), "two builds in different folders differ");
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    private static GeneratedProject Generate(MicroGen.Boards.Board board, string model, string patches)
    {
        var prepared = ModelPipeline.Prepare(SharedModels.PathOf(model), board, PatchSpec.Parse(patches));
        Assert.That(prepared.Plan.Streams.Length > 0, Is.EqualTo(patches == "auto"), "the automatic plan streams rows");
        return FirmwareEmitter.Emit(prepared.Graph, prepared.Plan, board, new EmitOptions(model, null));
    }
}
