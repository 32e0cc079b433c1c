using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Demo;

/// <summary>
/// A small deterministic int8 MobileNet-style network (32x32x3 input, 10 classes) that MicroGen builds itself, so the
/// demo runs where the shared models are absent. Weights come from a fixed-seed generator; quantization parameters
/// are plausible, not trained.
/// </summary>
public static class DemoNetwork
{
    public static Graph Build()
    {
        var random = new Random(2026);
        var b = new GraphBuilder();
        var x = b.Input("image", DataType.Int8, [1, 32, 32, 3], Quantization.PerTensor(1f / 255, -128));
        x = Conv(b, random, x, 8, 3, 2, "conv1");
        x = Depthwise(b, random, x, 3, 1, "dw2");
        x = Conv(b, random, x, 16, 1, 1, "pw2");
        x = Depthwise(b, random, x, 3, 2, "dw3");
        x = Conv(b, random, x, 32, 1, 1, "pw3");
        var pooled = b.Activation("pool", DataType.Int8, [1, 1, 1, 32], b.Tensors[x].Quantization);
        b.AddOperator(OpKind.AveragePool2D, [x], [pooled], new Pool2DOptions(Padding.Valid, 8, 8, 8, 8, Activation.None));
        var weights = b.Constant("fc_weights", DataType.Int8, [10, 32], RandomInt8(random, 320), Quantization.PerTensor(0.01f, 0));
        var inputScale = b.Tensors[pooled].Quantization!.Scale;
        var bias = b.Constant("fc_bias", DataType.Int32, [10], Enumerable.Range(0, 10).Select(_ => random.Next(-500, 500)).ToArray(),
            Quantization.PerTensor(inputScale * 0.01f, 0));
        var logits = b.Activation("logits", DataType.Int8, [1, 10], Quantization.PerTensor(0.08f, 0));
        b.AddOperator(OpKind.FullyConnected, [pooled, weights, bias], [logits], new FullyConnectedOptions(Activation.None, false));
        b.MarkOutput(logits);
        return b.Build("microgen_demo_net");
    }

    private static int Conv(GraphBuilder b, Random random, int input, int outC, int k, int stride, string name)
    {
        var inShape = b.Tensors[input].Shape;
        var inC = inShape[3];
        var outH = (inShape[1] + stride - 1) / stride;
        var outW = (inShape[2] + stride - 1) / stride;
        var scales = Enumerable.Range(0, outC).Select(_ => (float)(0.004 + random.NextDouble() * 0.01)).ToArray();
        var filter = b.Constant(name + "_weights", DataType.Int8, [outC, k, k, inC], RandomInt8(random, outC * k * k * inC),
            new Quantization(scales, new long[outC], 0));
        var inScale = b.Tensors[input].Quantization!.Scale;
        var bias = b.Constant(name + "_bias", DataType.Int32, [outC], Enumerable.Range(0, outC).Select(_ => random.Next(-2000, 2000)).ToArray(),
            new Quantization(scales.Select(s => s * inScale).ToArray(), new long[outC], 0));
        var output = b.Activation(name, DataType.Int8, [1, outH, outW, outC], Quantization.PerTensor(6f / 255, -128));
        b.AddOperator(OpKind.Conv2D, [input, filter, bias], [output], new Conv2DOptions(Padding.Same, stride, stride, 1, 1, Activation.Relu6));
        return output;
    }

    private static int Depthwise(GraphBuilder b, Random random, int input, int k, int stride, string name)
    {
        var inShape = b.Tensors[input].Shape;
        var c = inShape[3];
        var outH = (inShape[1] + stride - 1) / stride;
        var outW = (inShape[2] + stride - 1) / stride;
        var scales = Enumerable.Range(0, c).Select(_ => (float)(0.01 + random.NextDouble() * 0.02)).ToArray();
        var filter = b.Constant(name + "_weights", DataType.Int8, [1, k, k, c], RandomInt8(random, k * k * c), new Quantization(scales, new long[c], 3));
        var inScale = b.Tensors[input].Quantization!.Scale;
        var bias = b.Constant(name + "_bias", DataType.Int32, [c], Enumerable.Range(0, c).Select(_ => random.Next(-500, 500)).ToArray(),
            new Quantization(scales.Select(s => s * inScale).ToArray(), new long[c], 0));
        var output = b.Activation(name, DataType.Int8, [1, outH, outW, c], Quantization.PerTensor(6f / 255, -128));
        b.AddOperator(OpKind.DepthwiseConv2D, [input, filter, bias], [output],
            new DepthwiseConv2DOptions(Padding.Same, stride, stride, 1, 1, 1, Activation.Relu6));
        return output;
    }

    private static sbyte[] RandomInt8(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
}
