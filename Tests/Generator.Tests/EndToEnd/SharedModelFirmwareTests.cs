using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Pipeline;
using MicroGen.Planning.Patches;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Tests.Support;
using MicroGen.Verify;

namespace MicroGen.Tests.EndToEnd;

/// <summary>
/// Every shared model as firmware: the host build byte-identical to the reference interpreter per layer and with
/// automatic patches; on every MCU board the build (automatic patches) either links or is refused with a fit error;
/// the Cortex-M4 mps2-an386 ELF prints exactly the reference outputs under QEMU and in the simulator, and so does the
/// Cortex-M0+ nucleo-l073rz ELF in the simulator when the model fits that board. The other boards are built only:
/// running every board in the simulator would take several minutes per large model.
/// </summary>
[Category("Firmware")]
public class SharedModelFirmwareTests
{
    /// <summary>The boards whose firmware runs: Cortex-M4 (simulator and QEMU) and Cortex-M0+ (simulator).</summary>
    private static readonly string[] RunBoards = ["mps2-an386", "nucleo-l073rz"];

    /// <summary>
    /// Every model per layer and with automatic patches, plus manual stages that run after per-layer steps: ds_cnn's
    /// after its QUANTIZE and RESHAPE, micro_speech's in row bands reduced into its FULLY_CONNECTED.
    /// </summary>
    public static IEnumerable<TestCaseData> ModelsAndPatches =>
        SharedModels.Names.SelectMany(m => new[] { "off", "auto" }.Select(p => (Model: m, Patches: p)))
            .Append((Model: "arm_mlexamples_ds_cnn_s_quantized.tflite", Patches: "2x1@4"))
            .Append((Model: "tflm_micro_speech_quantized.tflite", Patches: "5x1@2"))
            .Select(c => new TestCaseData(c.Model, c.Patches).SetName($"Host_{Path.GetFileNameWithoutExtension(c.Model)}_patches_{c.Patches.Replace('@', '_')}"));

    /// <summary>The models whose board runs take over a minute on two cores (simulating ~200M cycles): also Slow.</summary>
    private static readonly string[] SlowOnBoards = ["mcunet_320kb_1mb_imagenet.tflite", "tinyengine_vww.tflite"];

    public static IEnumerable<TestCaseData> Models =>
        SharedModels.Names.Select(m =>
        {
            var data = new TestCaseData(m).SetName($"Boards_{Path.GetFileNameWithoutExtension(m)}");
            return SlowOnBoards.Contains(m) ? data.SetCategory("Slow") : data;
        });

    [TestCaseSource(nameof(ModelsAndPatches))]
    public void HostFirmwareIsBitExact(string model, string patches)
    {
        var prepared = ModelPipeline.Prepare(SharedModels.PathOf(model), FirmwareHarness.Board("host"), PatchSpec.Parse(patches));
        var folder = Directory.CreateTempSubdirectory("microgen-e2e-").FullName;
        try
        {
            var report = FirmwareVerifier.Verify(prepared, folder, ExecutionTarget.Host,
                [SeededInputs.Create(prepared.Original, 1), SeededInputs.Create(prepared.Original, 2)]);
            Assert.That(report.BitExact, Is.True, $"{model} patches {patches}: first mismatch {report.FirstMismatch}");
            var stage = prepared.Plan.Patch;
            TestContext.Out.WriteLine($"{model} patches {patches}: "
                + (stage is null ? "no patch stage" : $"{stage.Rows}x{stage.Cols} patches until operator {stage.SplitNumber}")
                + $", arena {prepared.Plan.ArenaBytes} bytes");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// micro_speech patched on the Cortex-M4 in the simulator with --check-memory: the depthwise patches and the
    /// FULLY_CONNECTED tail write only their patch buffers, accumulators and output.
    /// </summary>
    [Test]
    public void MicroSpeechReductionTailStaysInsideItsBuffers()
    {
        var prepared = ModelPipeline.Prepare(SharedModels.PathOf("tflm_micro_speech_quantized.tflite"), FirmwareHarness.Board("mps2-an386"), PatchSpec.Automatic);
        Assert.That(prepared.Plan.Patch?.HasTail, Is.True);
        AssertBitExactInsideItsBuffers(prepared);
    }

    /// <summary>
    /// Row-streamed segments on the Cortex-M4 in the simulator with --check-memory: each operator writes only its window
    /// (sliding it included), the shared scratch, or the segment's output.
    /// </summary>
    [TestCase("mlperf_tiny_pretrainedResnet_quant.tflite")]
    [TestCase("mlperf_tiny_vww_96_int8.tflite")]
    public void RowStreamedSegmentsStayInsideTheirBuffers(string model)
    {
        var prepared = ModelPipeline.Prepare(SharedModels.PathOf(model), FirmwareHarness.Board("mps2-an386"), PatchSpec.Automatic);
        Assert.That(prepared.Plan.Streams, Is.Not.Empty, "the automatic plan streams rows");
        AssertBitExactInsideItsBuffers(prepared);
    }

    /// <summary>One seeded input in the simulator with --check-memory: bit-exact, no stray store, within the plan and the board.</summary>
    private static void AssertBitExactInsideItsBuffers(PreparedModel prepared)
    {
        var folder = Directory.CreateTempSubdirectory("microgen-e2e-").FullName;
        try
        {
            var report = FirmwareVerifier.Verify(prepared, folder, ExecutionTarget.Simulator, [SeededInputs.Create(prepared.Original, 1)], checkMemory: true);
            Assert.That(report.BitExact, Is.True, $"first mismatch {report.FirstMismatch}");
            Assert.That(report.Violation, Is.Null);
            Assert.That(report.MemoryProblems, Is.Empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCaseSource(nameof(Models))]
    public void McuBoardsBuildOrRefuseAndQemuPrintsTheReference(string model)
    {
        var original = ModelLoader.Load(SharedModels.PathOf(model));
        var input = SeededInputs.Create(original, 3);
        var expected = new ReferenceInterpreter(original).Invoke(input.Inputs);
        foreach (var board in BoardCatalog.Load().All.Where(b => !b.IsHost))
        {
            var folder = Directory.CreateTempSubdirectory("microgen-e2e-").FullName;
            try
            {
                var prepared = ModelPipeline.Prepare(SharedModels.PathOf(model), board, PatchSpec.Automatic);
                GeneratedProject project;
                try
                {
                    project = ModelPipeline.Generate(prepared, input.Inputs);
                }
                catch (UserErrorException e) when (e.Message.Contains("does not fit", StringComparison.Ordinal))
                {
                    TestContext.Out.WriteLine($"{model} on {board.Name}: refused: {e.Message}");
                    continue;
                }
                project.WriteTo(folder);
                BuildResult build;
                try
                {
                    build = FirmwareBuilder.Build(folder, board);
                }
                catch (UserErrorException e) when (e.Message.Contains("does not fit", StringComparison.Ordinal))
                {
                    TestContext.Out.WriteLine($"{model} on {board.Name}: refused at link: {e.Message}");
                    continue;
                }
                var ran = "";
                if (RunBoards.Contains(board.Name))
                {
                    var simulated = FirmwareRunner.OnSimulator(build.Executable, board, input.Inputs);
                    Assert.That(FirmwareHarness.Outputs(original, simulated.Transcript), Is.EqualTo(expected), $"{model} on {board.Name} in the simulator");
                    ran = $", simulator bit-exact in {simulated.Simulation.Cycles:N0} cycles";
                    if (board.QemuMachine is not null)
                    {
                        var qemu = FirmwareRunner.OnQemu(build.Executable, board, input.Inputs);
                        Assert.That(FirmwareHarness.Outputs(original, qemu), Is.EqualTo(expected), $"{model} on {board.Name} under QEMU");
                        ran += ", QEMU bit-exact";
                    }
                }
                TestContext.Out.WriteLine($"{model} on {board.Name}: flash {build.FlashBytes}, static RAM {build.StaticRamBytes}, arena {prepared.Plan.ArenaBytes}{ran}");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
