using System.Text;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Planning;
using MicroGen.Tests.Support;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Emit;

public class EmitterLimitsTests
{
    /// <summary>Constant arrays and test vectors of more than a million characters are written whole (Scriban cuts long strings by default).</summary>
    [Test]
    public void LargeConstantsAndTestVectorsAreWrittenWhole()
    {
        const int depth = 400_000;
        var weights = Enumerable.Range(0, depth).Select(i => (sbyte)(i % 2 == 0 ? -100 - i % 27 : 100 + i % 27)).ToArray();
        weights[^1] = -77;
        var b = new GraphBuilder();
        var input = b.Input("in", DataType.Int8, [1, depth], Q(0.1f, 0));
        var output = b.Activation("out", DataType.Int8, [1, 1], Q(0.5f, 0));
        b.AddOperator(OpKind.FullyConnected, [input, b.Constant("w", DataType.Int8, [1, depth], weights, Q(0.01f, 0))], [output],
            new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(output);
        var graph = b.Build("large");
        var board = FirmwareHarness.Board("host");
        var testInput = Enumerable.Range(0, depth).Select(i => (byte)(200 + i % 50)).ToArray();
        testInput[^1] = 7;
        var project = FirmwareEmitter.Emit(graph, MemoryPlanner.Plan(graph, new PlanOptions(board.Target)), board, new EmitOptions("large.tflite", [testInput]));
        string Text(string path) => Encoding.UTF8.GetString(project.Files.Single(f => f.Path == path).Content);
        var model = Text("model.c");
        Assert.That(model, Does.Not.Contain("..."));
        Assert.That(model, Does.Contain("-100, 101, -102, 103, -104, 105, -106, 107, -108, 109, -110, 111, -112, 113, -114, 115,"));
        Assert.That(model, Does.Contain(" -77,\n};"));
        var vectors = Text("test_vectors.c");
        Assert.That(vectors, Does.Not.Contain("..."));
        Assert.That(vectors, Does.Contain(" 7,\n};"));
    }
}
