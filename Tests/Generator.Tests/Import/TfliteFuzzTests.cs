using MicroGen.Diagnostics;
using MicroGen.Import;
using MicroGen.Reference;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Import;

/// <summary>
/// Mutated models (truncated, bit-flipped, offsets overwritten) must give a one-line user error or a model that
/// runs: never another exception.
/// </summary>
public class TfliteFuzzTests
{
    private static readonly string[] Seeds =
    [
        "tflm_hello_world_int8.tflite",
        "tflm_micro_speech_quantized.tflite",
        "tflm_simple_add_model.tflite",
        "tflm_trained_lstm_int8.tflite",
        "mlperf_tiny_kws_ref_model.tflite",
    ];

    [Test]
    public void TwoThousandMutatedModelsRaiseOnlyUserErrors()
    {
        var random = new Random(20261128);
        var seeds = Seeds.Select(n => File.ReadAllBytes(SharedModels.PathOf(n))).ToArray();
        int loaded = 0, rejected = 0;
        var unexpected = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            var mutation = Mutate(bytes, random, i % 4);
            try
            {
                var graph = ModelLoader.Load(mutation, $"mutant{i}.tflite");
                var interpreter = new ReferenceInterpreter(graph);
                interpreter.Invoke(graph.InputTensors.Select(t => new byte[t.SizeInBytes]).ToArray());
                loaded++;
            }
            catch (UserErrorException e)
            {
                rejected++;
                if (e.Message.Contains('\n') || e.Message.Length == 0)
                {
                    unexpected.Add($"mutant {i}: message is not one line: {e.Message}");
                }
            }
            catch (Exception e)
            {
                unexpected.Add($"mutant {i} ({Seeds[i % seeds.Length]}, mutation {i % 4}): {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"loaded and ran {loaded}, rejected {rejected}, unexpected {unexpected.Count}");
        Assert.That(unexpected, Is.Empty, string.Join("\n", unexpected.Take(20)));
        Assert.That(loaded + rejected, Is.EqualTo(2000));
    }

    private static byte[] Mutate(byte[] bytes, Random random, int kind)
    {
        switch (kind)
        {
            case 0: // truncation
                return bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            case 1: // bit flips
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case 2: // a 32-bit word (offset, length, index) overwritten, biased toward the tables at the front
                {
                    var limit = Math.Min(bytes.Length - 4, random.Next(2) == 0 ? 4096 : bytes.Length - 4);
                    var at = random.Next(limit) & ~3;
                    var value = random.Next(4) switch
                    {
                        0 => random.Next(),
                        1 => -random.Next(1, 64),
                        2 => bytes.Length + random.Next(64),
                        _ => random.Next(256),
                    };
                    BitConverter.GetBytes(value).CopyTo(bytes, at);
                    return bytes;
                }
            default: // a byte run overwritten with random bytes
                {
                    var at = random.Next(bytes.Length);
                    var length = Math.Min(bytes.Length - at, 1 + random.Next(16));
                    random.NextBytes(bytes.AsSpan(at, length));
                    return bytes;
                }
        }
    }
}
