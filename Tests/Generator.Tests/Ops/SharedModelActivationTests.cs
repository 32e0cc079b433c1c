using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MicroGen.Import.Tflite;
using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Ops;

/// <summary>
/// The QUANTIZE, DEQUANTIZE, SOFTMAX and UNIDIRECTIONAL_SEQUENCE_LSTM operators of the shared models, each run alone
/// (with the model's own tensors, quantization and constants) on a deterministic input: byte i of the input is
/// (37 i + 11) mod 256 for integer tensors, and element i is ((37 i + 11) mod 256) / 128 - 1 for float32 tensors.
/// The expected SHA-256 of the output bytes are those of TFLM's reference kernels (tflite-micro at the models'
/// commit, its micro kernels and Prepare code compiled with g++ on x86-64) on the same operator and input; the first
/// bytes are quoted for readability.
/// </summary>
public class SharedModelActivationTests
{
    public static IEnumerable<TestCaseData> Cases =>
    [
        new TestCaseData("tflm_trained_lstm_int8.tflite", 0, "03B0D253FF2EF9FE5C26B54B0E180B3628D0E13D",
            "682d6ea88202dbdfc04d34a8b641ff928aad6a4778905d741424a82642ded365").SetName("LSTM of tflm_trained_lstm_int8"),
        new TestCaseData("tflm_trained_lstm_int8.tflite", 3, "8080807F808080808081",
            "ad265307598991c2bdf2dc6fe525b6e45e61208dd04dcf37e4f9a10e91d35f3f").SetName("SOFTMAX of tflm_trained_lstm_int8"),
        new TestCaseData("mlperf_tiny_kws_ref_model.tflite", 12, "808080E48080808080811B80",
            "140ea08025bb6d66fe2074a7512d815780e0b18dbe7a84cd1748afb3f3bc6744").SetName("SOFTMAX of mlperf_tiny_kws_ref_model"),
        new TestCaseData("mlperf_tiny_vww_96_int8.tflite", 30, "DE22",
            "bce8ab7202e78883df0b9c233a365f015096287e75b690fd3c30e75420fc1fc8").SetName("SOFTMAX of mlperf_tiny_vww_96_int8"),
        new TestCaseData("tflm_micro_speech_quantized.tflite", 3, "80808877",
            "0476a4bc249e36634d02be3d7d883b513e0e1969111ae601020cb7b8434d2ad5").SetName("SOFTMAX of tflm_micro_speech_quantized"),
        new TestCaseData("arm_mlexamples_ds_cnn_s_quantized.tflite", 0, "646465656565666464656565",
            "95c0eca970d02a6fc4f6dcfa2c6b4b0aa0bbcf0d279c763a99e76cdeec35759e").SetName("QUANTIZE of arm_mlexamples_ds_cnn_s_quantized"),
        new TestCaseData("arm_mlexamples_ds_cnn_s_quantized.tflite", 14, "808080D78080808080802980",
            "b6b28a880c9dac28b88375798f4a6ee2d77dc6e58a29c97071b6b5b18c657cac").SetName("SOFTMAX of arm_mlexamples_ds_cnn_s_quantized"),
        new TestCaseData("arm_mlexamples_ds_cnn_s_quantized.tflite", 15, "00000B3F0000303F0000553F",
            "fc857e2e4b26148686d6ccb01e4efbe42b99ffe899acf402e9fdf3c6c09d7efe").SetName("DEQUANTIZE of arm_mlexamples_ds_cnn_s_quantized"),
        new TestCaseData("tinyengine_vww.tflite", 0, "8BB0D5FA1F44698EB3D8FD22476C91B6DB00254A",
            "f23275356fe9f5f505fd3570561d3543218aabd7b27eb44e05f34e7a4d06826b").SetName("QUANTIZE of tinyengine_vww"),
        new TestCaseData("tinyengine_vww.tflite", 62, "2301BC3FBCE7DC40",
            "be4cd5283173dfe191334a1293529318f4ce3a9a98c5ba86d96f692550cff53f").SetName("DEQUANTIZE of tinyengine_vww"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void OperatorMatchesTflm(string model, int operatorIndex, string expectedHead, string expectedSha256)
    {
        var graph = TfliteImporter.Import(File.ReadAllBytes(SharedModels.PathOf(model)), model);
        var single = SingleOperator(graph, operatorIndex);
        var inputs = single.Inputs.Select(i => DeterministicInput(single.Tensors[i])).ToArray();
        var output = new ReferenceInterpreter(single).Invoke(inputs)[0];
        Assert.That(Convert.ToHexString(output)[..expectedHead.Length], Is.EqualTo(expectedHead));
        Assert.That(Convert.ToHexString(SHA256.HashData(output)).ToLowerInvariant(), Is.EqualTo(expectedSha256));
    }

    /// <summary>The model's tensors with only the chosen operator; its non-constant, non-variable inputs become graph inputs.</summary>
    private static Graph SingleOperator(Graph graph, int operatorIndex)
    {
        var op = graph.Operators[operatorIndex];
        var inputs = op.Inputs.Where(i => i >= 0 && !graph.Tensors[i].IsConstant && !graph.Tensors[i].IsVariable).Distinct().ToArray();
        return new Graph(graph.Name, graph.Tensors, new[] { op with { Index = 0 } }, inputs, op.Outputs.ToArray());
    }

    private static byte[] DeterministicInput(Tensor tensor)
    {
        if (tensor.Type == DataType.Float32)
        {
            var values = new float[tensor.ElementCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)((i * 37 + 11) % 256 / 128.0 - 1.0);
            }
            return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        }
        var bytes = new byte[tensor.SizeInBytes];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 37 + 11) % 256);
        }
        return bytes;
    }
}
