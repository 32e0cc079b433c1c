using System.Text.RegularExpressions;
using MicroGen.Build;
using MicroGen.Demo;
using MicroGen.Emit;
using MicroGen.Ops;
using MicroGen.Planning;
using MicroGen.Run;
using MicroGen.Tests.Support;
using MicroGen.Verify;

namespace MicroGen.Tests.Verify;

[Category("Firmware")]
public class LayerComparisonTests
{
    /// <summary>A layer pointed at a wrong constant is found and named by the layer-by-layer comparison of the debug build.</summary>
    [Test]
    public void ATamperedLayerIsNamedAsTheFirstDifference()
    {
        var graph = DemoNetwork.Build();
        var board = FirmwareHarness.Board("host");
        // The plain kernels, whose parameter block carries the output zero point as a field to tamper with.
        var target = board.Target.WithKernels(KernelChoice.Reference);
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(target));
        var folder = Directory.CreateTempSubdirectory("microgen-tamper-").FullName;
        try
        {
            FirmwareEmitter.Emit(graph, plan, board, new EmitOptions("demo.tflite", Target: target)).WriteTo(folder);
            // Operator 3 (the second depthwise convolution) gets a wrong output zero point.
            var modelC = Path.Combine(folder, "model.c");
            var text = File.ReadAllText(modelC);
            var block = Regex.Match(text, @"mg_layer_003_depthwise_conv_2d_params = \{.*?\n\};", RegexOptions.Singleline);
            Assert.That(block.Success, Is.True);
            var tampered = text.Replace(block.Value, block.Value.Replace(".output_offset = -128,", ".output_offset = -120,"));
            Assert.That(tampered, Is.Not.EqualTo(text));
            File.WriteAllText(modelC, tampered);
            var debug = FirmwareBuilder.Build(folder, board, "debug");
            var inputs = SeededInputs.Create(graph, 4).Inputs;
            var transcript = FirmwareRunner.OnHost(debug.Executable, inputs);
            var order = plan.Steps.Select(s => graph.Operators[s.Operator].Number).ToList();
            var mismatch = LayerComparison.FirstDifference(graph, inputs, transcript, order);
            Assert.That(mismatch, Is.Not.Null);
            Assert.That(mismatch!.Operator, Is.EqualTo(3));
            Assert.That(mismatch.Kind, Is.EqualTo("DEPTHWISE_CONV_2D"));
            Assert.That(mismatch.ToString(), Does.Contain("operator 3 (DEPTHWISE_CONV_2D)").And.Contain("'dw3'"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
