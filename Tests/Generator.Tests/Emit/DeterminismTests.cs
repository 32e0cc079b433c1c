using MicroGen.Build;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Planning;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Emit;

/// <summary>Same inputs give byte-identical generated files and ELF.</summary>
[Category("Firmware")]
public class DeterminismTests
{
    [Test]
    public void GeneratingTwiceGivesIdenticalFilesAndBuildingTwiceIdenticalElf()
    {
        var board = FirmwareHarness.Board("mps2-an386");
        var first = Generate(board);
        var second = Generate(board);
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

    private static GeneratedProject Generate(MicroGen.Boards.Board board)
    {
        var graph = ModelLoader.Load(SharedModels.PathOf("tflm_hello_world_int8.tflite"));
        return FirmwareEmitter.Emit(graph, MemoryPlanner.Plan(graph, new PlanOptions(board.Target)), board,
            new EmitOptions("tflm_hello_world_int8.tflite", null));
    }
}
