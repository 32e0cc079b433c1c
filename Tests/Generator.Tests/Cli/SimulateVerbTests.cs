using System.Text.Json;
using MicroGen.Cli;
using MicroGen.IO;
using MicroGen.Ir;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Cli;

[Category("Firmware")]
public class SimulateVerbTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new MicroGenCli(output, error).Run(args), output.ToString(), error.ToString());
    }

    [Test]
    public void SimulateReportsTheDocumentedJsonAndWritesOutputs()
    {
        var folder = Directory.CreateTempSubdirectory("microgen-simulate-").FullName;
        try
        {
            var hello = SharedModels.PathOf("tflm_hello_world_int8.tflite");
            Assert.That(Run("generate", hello, "--board", "nucleo-l073rz", "-o", folder).Exit, Is.EqualTo(0));
            Assert.That(Run("build", folder).Exit, Is.EqualTo(0));
            var input = Path.Combine(folder, "in.npy");
            new NpyArray(DataType.Int8, new[] { 1, 1 }, [37]).Write(input);
            var output = Path.Combine(folder, "out.npy");
            var (exit, json, err) = Run("simulate", Path.Combine(folder, "firmware.elf"), "--board", "nucleo-l073rz", "--input", input, "--output", output, "--json");
            Assert.That(exit, Is.EqualTo(0), err);
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            foreach (var key in new[] { "cycles", "instructions", "ms_at_clock", "peak_stack_bytes", "arena_high_water_bytes", "layers", "exit_code", "console", "fault" })
            {
                Assert.That(root.TryGetProperty(key, out _), Is.True, key);
            }
            Assert.That(root.GetProperty("cycles").GetInt64(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("layers").GetArrayLength(), Is.EqualTo(3));
            Assert.That(root.GetProperty("fault").ValueKind, Is.EqualTo(JsonValueKind.Null));

            var infer = Path.Combine(folder, "reference.npy");
            Assert.That(Run("infer", hello, "--input", input, "--output", infer).Exit, Is.EqualTo(0));
            Assert.That(NpyArray.Read(output), Is.EqualTo(NpyArray.Read(infer)).Using<NpyArray>((a, b) => a.Data.AsSpan().SequenceEqual(b.Data) && a.Shape == b.Shape));

            var (limitExit, _, limitErr) = Run("simulate", Path.Combine(folder, "firmware.elf"), "--board", "nucleo-l073rz", "--max-instructions", "1000");
            Assert.That(limitExit, Is.EqualTo(2));
            Assert.That(limitErr, Does.Contain("stopped after 1,000 instructions"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
