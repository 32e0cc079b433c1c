using System.Buffers.Binary;
using MicroGen.Build;
using MicroGen.Demo;
using MicroGen.Pipeline;
using MicroGen.Planning;
using MicroGen.Reports;
using MicroGen.Tests.Support;
using MicroGen.Verify;

namespace MicroGen.Tests.Reports;

/// <summary>The report page renders in a real browser (headless Chromium), and its pictures are there.</summary>
[Category("Firmware")]
public class ReportRenderingTests
{
    [Test]
    public void TheRunReportRendersInHeadlessChromium()
    {
        var graph = DemoNetwork.Build();
        var board = FirmwareHarness.Board("stm32f746g-disco");
        var model = new PreparedModel("demo.tflite", graph, graph, board, MemoryPlanner.Plan(graph, new PlanOptions(board.Target)));
        var folder = Directory.CreateTempSubdirectory("microgen-report-").FullName;
        try
        {
            var verification = FirmwareVerifier.Verify(model, Path.Combine(folder, "project"), ExecutionTarget.Simulator,
                [SeededInputs.Create(graph, 1)], checkMemory: true);
            Assert.That(verification.Passed, Is.True);
            var page = RunReportFiles.Write(folder, RunReport.Of(model, verification), model, MicroGen.Cli.CliContext.JsonOptions);
            var html = File.ReadAllText(page);
            Assert.That(html, Does.Contain("<svg").And.Contain("class=\"timeline\"").And.Contain("mg_layer").Or.Contain("CONV_2D"));
            Assert.That(File.ReadAllText(Path.Combine(folder, "report.json")), Does.Contain("\"cycles\""));

            var chromium = "/usr/bin/chromium";
            Assert.That(File.Exists(chromium), Is.True, "headless Chromium is needed (./test.sh installs the chromium package)");
            var screenshot = Path.Combine(folder, "report.png");
            var result = ProcessRunner.Run(chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(folder, "profile")}",
                 $"--screenshot={screenshot}", "--window-size=1000,1400", new Uri(page).AbsoluteUri],
                folder, TimeSpan.FromMinutes(2));
            Assert.That(File.Exists(screenshot), Is.True, result.Stderr);
            var png = File.ReadAllBytes(screenshot);
            Assert.That(png.AsSpan(1, 3).ToArray(), Is.EqualTo("PNG"u8.ToArray()));
            Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(1000), "width");
            // A blank page compresses to a few kilobytes; charts, tables and text take far more.
            Assert.That(png.Length, Is.GreaterThan(40_000));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
