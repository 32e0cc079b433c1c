using System.Text.Json;
using MicroGen.Cli;
using MicroGen.Demo;
using MicroGen.Import.Tflite;
using MicroGen.Regress;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Regress;

[Category("Firmware")]
public class RegressTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new MicroGenCli(output, error).Run(args), output.ToString(), error.ToString());
    }

    [Test]
    public void AnInjectedRegressionIsCaughtAndListed()
    {
        var folder = Directory.CreateTempSubdirectory("microgen-regress-test-").FullName;
        try
        {
            var models = Path.Combine(folder, "models");
            Directory.CreateDirectory(models);
            File.Copy(SharedModels.PathOf("tflm_hello_world_int8.tflite"), Path.Combine(models, "hello.tflite"));
            File.WriteAllBytes(Path.Combine(models, "demo.tflite"), TfliteWriter.Write(DemoNetwork.Build()));
            var baseline = Path.Combine(folder, "baseline.json");
            string[] common = ["regress", "--models", models, "--boards", "host,stm32f746g-disco", "--baseline", baseline, "--parallel", "2"];

            var created = Run([.. common, "--update"]);
            Assert.That(created.Exit, Is.EqualTo(0), created.Err);
            var entries = RegressionBaseline.Read(baseline).Entries;
            Assert.That(entries, Has.Count.EqualTo(4));
            Assert.That(entries.Where(e => e.Board != "host").All(e => e.Cycles > 0 && e.Status == "ok"), Is.True);

            var clean = Run(common);
            Assert.That(clean.Exit, Is.EqualTo(0), clean.Out + clean.Err);
            Assert.That(clean.Out, Does.Contain("no regressions"));

            // Inject: the baseline claims the demo was 20 % faster on the board and hello_world printed other outputs.
            var tampered = new RegressionBaseline(entries.Select(e => e switch
            {
                { Model: "demo.tflite", Board: "stm32f746g-disco" } => e with { Cycles = (long)(e.Cycles * 0.8) },
                { Model: "hello.tflite", Board: "host" } => e with { OutputsSha256 = new string('0', 64) },
                _ => e,
            }).ToList());
            tampered.Write(baseline);
            var caught = Run(common);
            Assert.That(caught.Exit, Is.EqualTo(1));
            Assert.That(caught.Out, Does.Contain("REGRESSION demo.tflite@stm32f746g-disco: cycles"));
            Assert.That(caught.Out, Does.Contain("REGRESSION hello.tflite@host: outputs changed"));
            Assert.That(Run([.. common, "--tolerance", "cycles=0.3"]).Out, Does.Not.Contain("REGRESSION demo.tflite@stm32f746g-disco: cycles"),
                "a 30 % tolerance accepts 25 % more cycles");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void ShardsPartitionTheMatrix()
    {
        var boards = new[] { "host", "mps2-an386", "nucleo-l073rz" }.Select(FirmwareHarness.Board).ToList();
        string[] models = ["a.tflite", "b.tflite", "c.tflite", "d.tflite"];
        var all = RegressionRunner.Matrix(models, boards, 0, 1);
        var shards = Enumerable.Range(0, 3).SelectMany(i => RegressionRunner.Matrix(models, boards, i, 3)).ToList();
        Assert.That(shards, Is.EquivalentTo(all));
        Assert.That(shards, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(12));
    }
}
