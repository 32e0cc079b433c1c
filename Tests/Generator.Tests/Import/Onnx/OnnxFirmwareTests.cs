using MicroGen.Import;
using MicroGen.Reference;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// An imported ONNX model goes through the rest of MicroGen unchanged: planned, emitted as C, built and run on the
/// host, the firmware's outputs equal the reference interpreter's bit for bit.
/// </summary>
public class OnnxFirmwareTests
{
    [TestCase("QDQ Conv-Flatten-Gemm (layout folded)")]
    [TestCase("QDQ Add of a [C,1,1] constant")]
    [TestCase("QDQ Concat int8")]
    [TestCase("QDQ Pad int8")]
    [TestCase("QLinearConv uint8 per-channel")]
    [Category("Firmware")]
    public void HostFirmwareMatchesTheReference(string name)
    {
        var model = OnnxCases.All.Single(c => c.Name == name).Build();
        var graph = ModelLoader.Load(model.ToByteArrayOf(), "model.onnx");
        var random = new Random(5);
        var inputSets = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<byte[]>)FirmwareHarness.RandomInputs(graph, random)).ToList();
        var firmware = FirmwareHarness.RunOnHost(graph, "model.onnx", inputSets);
        for (var i = 0; i < inputSets.Count; i++)
        {
            var reference = new ReferenceInterpreter(graph).Invoke(inputSets[i]);
            Assert.That(firmware[i], Is.EqualTo(reference), $"input set {i}");
        }
    }
}
