using System.Text.RegularExpressions;
using MicroGen.Build;
using MicroGen.Demo;
using MicroGen.Emit;
using MicroGen.Pipeline;
using MicroGen.Planning;
using MicroGen.Run;
using MicroGen.Tests.Support;
using MicroGen.Verify;

namespace MicroGen.Tests.Verify;

[Category("Firmware")]
public class MemoryCheckerTests
{
    private static (PreparedModel Model, string Folder) Generate(string board)
    {
        var graph = DemoNetwork.Build();
        var chosen = FirmwareHarness.Board(board);
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(chosen.Target));
        var model = new PreparedModel("demo.tflite", graph, graph, chosen, plan);
        var folder = Directory.CreateTempSubdirectory("microgen-check-").FullName;
        FirmwareEmitter.Emit(graph, plan, chosen, new EmitOptions("demo.tflite")).WriteTo(folder);
        return (model, folder);
    }

    [Test]
    public void CorrectFirmwareWritesOnlyItsOutputsAndScratch()
    {
        var (model, folder) = Generate("stm32f746g-disco");
        try
        {
            var build = FirmwareBuilder.Build(folder, model.Board);
            var checker = new MemoryChecker(model, build.Executable);
            var run = FirmwareRunner.OnSimulator(build.Executable, model.Board, SeededInputs.Create(model.Graph, 1).Inputs, writeObserver: checker.Observe);
            Assert.That(checker.Violation, Is.Null, checker.Violation?.ToString());
            Assert.That(run.Simulation.Layers, Has.Count.EqualTo(model.Graph.Operators.Length));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>The average pool is pointed at its own input's bytes: the checker names the layer, the address and the tensor it hit.</summary>
    [Test]
    public void AKernelPointedAtTheWrongBufferIsCaught()
    {
        var (model, folder) = Generate("stm32f746g-disco");
        try
        {
            var modelC = Path.Combine(folder, "model.c");
            var text = File.ReadAllText(modelC);
            var call = Regex.Match(text, @"mg_avg_pool2d_s8\(&mg_layer_005_average_pool_2d_params, \(int8_t \*\)\(mg_arena \+ (\d+)\), \(int8_t \*\)\(mg_arena \+ (\d+)\)\)");
            Assert.That(call.Success, Is.True, "the pool layer's call");
            var inputOffset = call.Groups[1].Value;
            File.WriteAllText(modelC, text.Replace(call.Value,
                $"mg_avg_pool2d_s8(&mg_layer_005_average_pool_2d_params, (int8_t *)(mg_arena + {inputOffset}), (int8_t *)(mg_arena + {inputOffset}))"));
            var build = FirmwareBuilder.Build(folder, model.Board);
            var checker = new MemoryChecker(model, build.Executable);
            FirmwareRunner.OnSimulator(build.Executable, model.Board, SeededInputs.Create(model.Graph, 1).Inputs, writeObserver: checker.Observe);
            Assert.That(checker.Violation, Is.Not.Null);
            Assert.That(checker.Violation!.Layer, Is.EqualTo("mg_layer_005_average_pool_2d"));
            Assert.That(checker.Violation.ToString(), Does.Contain("tensor 'pw3'"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
