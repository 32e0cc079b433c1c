using MicroGen.Import.Tflite;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Import;

public class TfliteWriterTests
{
    /// <summary>Reading what the writer wrote gives back the very same graph (tensors, data, quantization, operators, options).</summary>
    [TestCase("tflm_hello_world_int8.tflite")]
    [TestCase("mlperf_tiny_kws_ref_model.tflite")]
    [TestCase("mlperf_tiny_vww_96_int8.tflite")]
    [TestCase("tflm_person_detect.tflite")]
    [TestCase("mlperf_tiny_pretrainedResnet_quant.tflite")]
    [TestCase("mcunet_320kb_1mb_imagenet.tflite")]
    public void RoundTripsTheSharedModels(string name)
    {
        var original = TfliteImporter.Import(File.ReadAllBytes(SharedModels.PathOf(name)), name);
        var written = TfliteWriter.Write(original);
        var reread = TfliteImporter.Import(written, "written.tflite");
        Assert.That(reread.Tensors, Is.EqualTo(original.Tensors));
        Assert.That(reread.Operators, Is.EqualTo(original.Operators));
        Assert.That(reread.Inputs, Is.EqualTo(original.Inputs));
        Assert.That(reread.Outputs, Is.EqualTo(original.Outputs));
        Assert.That(reread, Is.EqualTo(original));
    }

    [Test]
    public void WritesAlignedConstantDataAndTheIdentifier()
    {
        var original = TfliteImporter.Import(File.ReadAllBytes(SharedModels.PathOf("tflm_hello_world_int8.tflite")), "hw");
        var written = TfliteWriter.Write(original);
        Assert.That(System.Text.Encoding.ASCII.GetString(written, 4, 4), Is.EqualTo("TFL3"));
        Assert.That(written.Length % 8, Is.EqualTo(0));
    }
}
