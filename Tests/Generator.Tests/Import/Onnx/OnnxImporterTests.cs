using System.Runtime.InteropServices;
using MicroGen.Diagnostics;
using MicroGen.Import;
using MicroGen.Import.Onnx;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Import.Onnx.OnnxModelBuilder;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>The ONNX importer's layout conversion, quantization conventions and one-line errors, checked by hand.</summary>
public class OnnxImporterTests
{
    private static Graph Load(OnnxModelBuilder b) => ModelLoader.Load(b.Build(), "model.onnx");

    [Test]
    public void ConvBecomesNhwcWithTransposedFilterAndHandComputedOutput()
    {
        // x: 1x2x2x2 NCHW, channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]. A 1x1 conv with weights [[1, 0.5], [-1, 2]]
        // and bias [0, 1]: out0 = x0 + 0.5*x1, out1 = -x0 + 2*x1 + 1.
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 2, 2, 2);
        b.Initializer("w", FloatElement, [2, 2, 1, 1], new[] { 1f, 0.5f, -1f, 2f });
        b.Initializer("b", FloatElement, [2], new[] { 0f, 1f });
        b.Node("Conv", ["x", "w", "b"], "y");
        b.Output("y", FloatElement, 1, 2, 2, 2);
        var graph = Load(b);
        Assert.That(graph.InputTensors.Single().Shape.ToArray(), Is.EqualTo(new[] { 1, 2, 2, 2 }));
        var conv = graph.Operators.Single();
        Assert.That(conv.Kind, Is.EqualTo(OpKind.Conv2D));
        Assert.That(graph.Tensors[conv.Inputs[1]].Shape.ToArray(), Is.EqualTo(new[] { 2, 1, 1, 2 }), "filter [Cout,KH,KW,Cin]");
        // NHWC input: pixel (0,0) = (1, 10), (0,1) = (2, 20), (1,0) = (3, 30), (1,1) = (4, 40).
        float[] nhwc = [1, 10, 2, 20, 3, 30, 4, 40];
        var output = new ReferenceInterpreter(graph).Invoke([MemoryMarshal.AsBytes(nhwc.AsSpan()).ToArray()])[0];
        Assert.That(MemoryMarshal.Cast<byte, float>(output).ToArray(), Is.EqualTo(new float[] { 6, 20, 12, 39, 18, 58, 24, 77 }));
    }

    [Test]
    public void DepthwiseFilterIsOneByKhByKwByChannelsWithPerChannelAxisThree()
    {
        var graph = OnnxImporter.Import(OnnxTestModels.QdqConv(Int8Element, true, 1, [1, 1, 1, 1], 4, false, 3).ToByteArrayOf(), "dw.onnx");
        var op = graph.Operators.Single();
        Assert.That(op.Kind, Is.EqualTo(OpKind.DepthwiseConv2D));
        var filter = graph.Tensors[op.Inputs[1]];
        Assert.That(filter.Shape.ToArray(), Is.EqualTo(new[] { 1, 3, 3, 12 }));
        Assert.That(filter.Quantization!.Axis, Is.EqualTo(3));
        Assert.That(((DepthwiseConv2DOptions)op.Options).DepthMultiplier, Is.EqualTo(3));
        Assert.That(((DepthwiseConv2DOptions)op.Options).Padding, Is.EqualTo(Padding.Same));
    }

    [Test]
    public void Uint8IsShiftedToInt8AndBiasKeepsInputTimesWeightScale()
    {
        var model = OnnxTestModels.QdqConv(UInt8Element, false, 2, [0, 0, 1, 1], 1, false, 2);
        var graph = OnnxImporter.Import(model.ToByteArrayOf(), "u8.onnx");
        var input = graph.InputTensors.Single();
        Assert.That(input.Type, Is.EqualTo(DataType.Int8));
        Assert.That(input.Quantization!.ZeroPoint, Is.EqualTo(131 - 128));
        var output = graph.OutputTensors.Single();
        Assert.That(output.Quantization!.ZeroPoint, Is.EqualTo(0), "uint8 zero point 128 becomes 0");
        var bias = graph.Tensors[graph.Operators.Single().Inputs[2]];
        Assert.That(bias.Type, Is.EqualTo(DataType.Int32));
        Assert.That(bias.Quantization!.Scale, Is.EqualTo(0.05f * 0.004f));
    }

    [Test]
    public void FlattenOfNchwFoldsIntoGemmWeights()
    {
        // Conv output [1,4,3,3] NCHW → Flatten → Gemm: no RESHAPE/TRANSPOSE, the FC reads the NHWC tensor directly.
        var graph = OnnxImporter.Import(OnnxTestModels.QdqConvFlattenGemm(7).ToByteArrayOf(), "f.onnx");
        Assert.That(graph.Operators.Select(o => o.Kind), Is.EqualTo(new[] { OpKind.Conv2D, OpKind.FullyConnected }));
        Assert.That(graph.Operators[1].Inputs[0], Is.EqualTo(graph.Operators[0].Outputs[0]));
    }

    [Test]
    public void TransposeThatUndoesTheLayoutChangeIsFree()
    {
        // An NHWC model input transposed to NCHW for a Conv: the IR keeps one NHWC tensor and no TRANSPOSE.
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 5, 5, 3);
        b.Node("Transpose", ["x"], "t", ("perm", new[] { 0, 3, 1, 2 }));
        b.Initializer("w", FloatElement, [2, 3, 1, 1], new float[6]);
        b.Node("Conv", ["t", "w"], "y");
        b.Output("y", FloatElement, 1, 2, 5, 5);
        var graph = OnnxImporter.Import(b.Build(), "t.onnx");
        Assert.That(graph.Operators.Select(o => o.Kind), Is.EqualTo(new[] { OpKind.Conv2D }));
        Assert.That(graph.InputTensors.Single().Shape.ToArray(), Is.EqualTo(new[] { 1, 5, 5, 3 }));
        Assert.That(graph.Operators[0].Inputs[0], Is.EqualTo(graph.Inputs[0]));
    }

    [Test]
    public void TransposeBackToNhwcAtTheOutputIsFree()
    {
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 3, 5, 5);
        b.Initializer("w", FloatElement, [2, 3, 1, 1], new float[6]);
        b.Node("Conv", ["x", "w"], "c");
        b.Node("Transpose", ["c"], "y", ("perm", new[] { 0, 2, 3, 1 }));
        b.Output("y", FloatElement, 1, 5, 5, 2);
        var graph = OnnxImporter.Import(b.Build(), "t.onnx");
        Assert.That(graph.Operators.Select(o => o.Kind), Is.EqualTo(new[] { OpKind.Conv2D }));
        Assert.That(graph.OutputTensors.Single().Shape.ToArray(), Is.EqualTo(new[] { 1, 5, 5, 2 }));
    }

    [Test]
    public void ClipZeroToSixFoldsIntoTheConvolutionAsRelu6()
    {
        var graph = OnnxImporter.Import(OnnxTestModels.QdqConvClip(53).ToByteArrayOf(), "clip.onnx");
        Assert.That(((Conv2DOptions)graph.Operators.Single().Options).Activation, Is.EqualTo(Activation.Relu6));
    }

    private static OnnxModelBuilder SingleNode(string op, long[] inputShape, long[] outputShape, params (string, object)[] attributes)
    {
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, inputShape);
        b.Node(op, ["x"], "y", attributes);
        b.Output("y", FloatElement, outputShape);
        return b;
    }

    [Test]
    public void UnsupportedAttributesAreNamed()
    {
        var ceil = SingleNode("MaxPool", [1, 1, 6, 6], [1, 1, 3, 3], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("ceil_mode", 1));
        Assert.That(Assert.Throws<UnsupportedModelException>(() => Load(ceil))!.Message, Does.Contain("(MaxPool, opset 17): ceil_mode"));
        var excludePad = SingleNode("AveragePool", [1, 1, 6, 6], [1, 1, 3, 3], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }),
            ("pads", new[] { 1, 1, 1, 1 }));
        Assert.That(Assert.Throws<UnsupportedModelException>(() => Load(excludePad))!.Message, Does.Contain("count_include_pad=0"));
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 4);
        b.Node("Clip", ["x", b.Scalar("lo", 0f), b.Scalar("hi", 3f)], "y");
        b.Output("y", FloatElement, 1, 4);
        Assert.That(Assert.Throws<UnsupportedModelException>(() => Load(b))!.Message, Does.Contain("Clip to [0, 3] is not supported"));
    }

    [Test]
    public void QuantizingToInt16IsRefused()
    {
        var b = new OnnxModelBuilder(21);
        b.Input("x", FloatElement, 1, 4);
        b.Node("QuantizeLinear", ["x", b.Scalar("s", 0.1f)], "y", ("output_dtype", 5));
        b.Output("y", 5, 1, 4);
        Assert.That(Assert.Throws<UnsupportedModelException>(() => Load(b))!.Message, Does.Contain("output_dtype INT16 is not supported"));
    }

    [Test]
    public void AxesOfScalarsAreFormatErrors()
    {
        // Per-axis parameters of a scalar output, and Concat of scalars: both name an axis that does not exist.
        var b = new OnnxModelBuilder(microsoft: true);
        b.Input("x", Int8Element, 1, 4);
        b.Initializer("ys", FloatElement, [2], new[] { 0.1f, 0.2f });
        b.MicrosoftNode("QLinearSigmoid", ["x", b.Scalar("xs", 0.1f), b.ZeroPoint("xz", Int8Element, 0), "ys"], "y");
        b.Output("y", Int8Element, 1, 4);
        Assert.That(Assert.Throws<ModelFormatException>(() => Load(b))!.Message, Does.Contain("axis 0 is out of range for rank 0"));
        var c = new OnnxModelBuilder();
        c.Input("x", FloatElement, 1, 4);
        c.Node("Concat", [c.Scalar("p", 1f), c.Scalar("q", 2f)], "k", ("axis", 0));
        c.Node("Add", ["x", "k"], "y");
        c.Output("y", FloatElement, 1, 4);
        Assert.That(Assert.Throws<ModelFormatException>(() => Load(c))!.Message, Does.Contain("(Concat, opset 17): axis 0 is out of range for rank 0"));
    }

    [TestCase(12)]
    [TestCase(22)]
    public void OpsetOutsideThirteenToTwentyOneIsRefused(int opset)
    {
        var b = new OnnxModelBuilder(opset);
        b.Input("x", FloatElement, 1, 4);
        b.Node("Relu", ["x"], "y");
        b.Output("y", FloatElement, 1, 4);
        var e = Assert.Throws<UnsupportedModelException>(() => Load(b));
        Assert.That(e!.Message, Does.StartWith("model.onnx: ").And.Contain($"opset {opset}").And.Contain("13 to 21"));
    }

    [Test]
    public void ExternalDataIsRefusedNamingTheInitializer()
    {
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 4);
        var w = new global::Onnx.TensorProto { Name = "fc.weight", DataType = FloatElement, DataLocation = global::Onnx.TensorProto.Types.DataLocation.External };
        w.Dims.AddRange([4, 4]);
        w.ExternalData.Add(new global::Onnx.StringStringEntryProto { Key = "location", Value = "weights.bin" });
        b.Graph.Initializer.Add(w);
        b.Node("MatMul", ["x", "fc.weight"], "y");
        b.Output("y", FloatElement, 1, 4);
        var e = Assert.Throws<UnsupportedModelException>(() => Load(b));
        Assert.That(e!.Message, Does.Contain("initializer 'fc.weight'").And.Contain("external"));
    }

    [Test]
    public void UnsupportedOperatorNamesTypeNodeAndOpset()
    {
        var b = new OnnxModelBuilder(18);
        b.Input("x", FloatElement, 1, 4);
        b.Node("Erf", ["x"], "y");
        b.Output("y", FloatElement, 1, 4);
        var e = Assert.Throws<UnsupportedModelException>(() => Load(b));
        Assert.That(e!.Message, Is.EqualTo("model.onnx: node 0 'y_node' (Erf, opset 18): operator 'Erf' is not supported"));
    }

    [Test]
    public void SymbolicDimensionOtherThanBatchIsRefused()
    {
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 4);
        b.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimParam = "features";
        b.Node("Relu", ["x"], "y");
        b.Output("y", FloatElement, 1, 4);
        var e = Assert.Throws<UnsupportedModelException>(() => Load(b));
        Assert.That(e!.Message, Does.Contain("graph input 'x'").And.Contain("symbolic 'features'"));
    }

    [Test]
    public void NodesOutOfOrderAreAFormatError()
    {
        var b = new OnnxModelBuilder();
        b.Input("x", FloatElement, 1, 4);
        b.Node("Relu", ["h"], "y");
        b.Node("Relu", ["x"], "h");
        b.Output("y", FloatElement, 1, 4);
        var e = Assert.Throws<ModelFormatException>(() => Load(b));
        Assert.That(e!.Message, Does.Contain("node 0 'y_node'").And.Contain("reads 'h'"));
    }

    [Test]
    public void AsymmetricConvWeightsThatDoNotFitInt8AreRefused()
    {
        var b = new OnnxModelBuilder();
        OnnxTestModels.Dq(b, b.Input("x", Int8Element, 1, 1, 3, 3), 0.1f, 0, Int8Element, "x_dq");
        b.Initializer("w_q", Int8Element, [1, 1, 1, 1], new sbyte[] { -100 });
        OnnxTestModels.Dq(b, "w_q", 0.1f, 50, Int8Element, "w");
        b.Node("Conv", ["x_dq", "w"], "c");
        OnnxTestModels.Q(b, "c", 0.1f, 0, Int8Element, "y");
        b.Output("y", Int8Element, 1, 1, 3, 3);
        var e = Assert.Throws<UnsupportedModelException>(() => Load(b));
        Assert.That(e!.Message, Does.Contain("(Conv, opset 17)").And.Contain("zero points that cannot be folded"));
    }

    [Test]
    public void BytesThatAreNotProtobufAreAFormatError()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load([0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02], "junk.onnx"));
        Assert.That(e!.Message, Does.StartWith("junk.onnx: ").And.Not.Contain("\n"));
    }

    [Test]
    public void FilesWithoutTfliteIdentifierGoToTheOnnxImporter()
    {
        var bytes = OnnxTestModels.FloatModel("MaxPool", 1).ToByteArrayOf();
        Assert.That(OnnxImporter.Handles(bytes, "model.bin"), Is.True);
        Assert.That(OnnxImporter.Handles(bytes, "model.tflite"), Is.False);
        Assert.That(ModelLoader.Load(bytes, "model.bin").Operators.Single().Kind, Is.EqualTo(OpKind.MaxPool2D));
    }
}
