using System.Runtime.InteropServices;
using MicroGen.Cli;
using MicroGen.IO;
using MicroGen.Ir;
using static MicroGen.Tests.Import.Onnx.OnnxModelBuilder;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>`microgen inspect` and `microgen infer` read .onnx files as they read .tflite files.</summary>
public class OnnxCliTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("microgen-onnx-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = new MicroGenCli(output, error).Run(args);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void InspectListsTheImportedOperators()
    {
        var path = Write("qdq.onnx", OnnxTestModels.QdqConvFlattenGemm(7).ToByteArrayOf());
        var (exit, output, error) = Run("inspect", path);
        Assert.That(exit, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Contain("model qdq.onnx: 2 operators").And.Contain("CONV_2D").And.Contain("FULLY_CONNECTED"));
        Assert.That(output, Does.Contain("input  'x' int8 [1x5x5x2]"), "NCHW [1,2,5,5] input shown as NHWC");
    }

    [Test]
    public void InferRunsAnOnnxModelOnNhwcInput()
    {
        // The hand-computed 1x1 convolution of OnnxImporterTests: out0 = x0 + 0.5*x1, out1 = -x0 + 2*x1 + 1.
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 2, 2, 2);
        b.Initializer("w", FloatElement, [2, 2, 1, 1], new[] { 1f, 0.5f, -1f, 2f });
        b.Initializer("b", FloatElement, [2], new[] { 0f, 1f });
        b.Node("Conv", ["x", "w", "b"], "y");
        b.Output("y", FloatElement, 1, 2, 2, 2);
        var model = Write("conv.onnx", b.Build());
        var input = Path.Combine(_folder, "x.npy");
        float[] nhwc = [1, 10, 2, 20, 3, 30, 4, 40];
        new NpyArray(DataType.Float32, new[] { 1, 2, 2, 2 }, MemoryMarshal.AsBytes(nhwc.AsSpan()).ToArray()).Write(input);
        var (exit, output, error) = Run("infer", model, "--input", input);
        Assert.That(exit, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output.Trim(), Is.EqualTo("output 0 'y' float32 (1, 2, 2, 2): 6 20 12 39 18 58 24 77"));
    }

    [Test]
    [Category("Firmware")]
    public void RunOnQemuIsBitExactWithTheReference()
    {
        // The QDQ network (Conv, MaxPool, depthwise and pointwise Conv, GlobalAveragePool, Gemm) as Cortex-M4 firmware.
        var path = Write("network.onnx", OnnxTestModels.QdqNetwork(40).ToByteArrayOf());
        var (exit, output, error) = Run("run", path, "--board", "mps2-an386", "--inputs", "2");
        TestContext.Out.WriteLine(output);
        Assert.That(exit, Is.EqualTo(ExitCodes.Success), error + output);
        Assert.That(output, Does.Contain("all 2 input sets bit-exact"));
    }

    [Test]
    public void UnsupportedOperatorExitsTwoWithOneLineNamingTypeNodeAndOpset()
    {
        var b = new OnnxModelBuilder(19);
        b.Input("x", FloatElement, 1, 8);
        b.Node("Relu", ["x"], "r");
        b.Node("GridSample", ["r", "r"], "y");
        b.Output("y", FloatElement, 1, 8);
        var path = Write("grid.onnx", b.Build());
        var (exit, output, error) = Run("inspect", path);
        Assert.That(exit, Is.EqualTo(ExitCodes.UserError));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd('\n', '\r').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.Contain("grid.onnx").And.Contain("'y_node'").And.Contain("GridSample").And.Contain("opset 19"));
    }
}
