using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops.Common;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Planning;

/// <summary>Random sliding-window layers for the patch and row-stream planners' tests.</summary>
internal static class RandomLayers
{
    /// <summary>
    /// Appends to the [1, h, w, c] map <paramref name="input"/> a CONV_2D, a DEPTHWISE_CONV_2D (ReLU) or a pool (average or
    /// max) with a kernel of 1-5, stride 1-2, dilation 1-2 and SAME or VALID padding; a window whose output would have fewer
    /// than <paramref name="minHeight"/> rows (or no column) becomes 1x1. Returns the output and its shape.
    /// </summary>
    public static (int Tensor, int Height, int Width, int Channels) Window(GraphBuilder b, Random random, int input, int h, int w, int c, int i, int minHeight = 1)
    {
        int k = random.Next(1, 6), s = random.Next(1, 3), d = random.Next(1, 3);
        var padding = random.Next(2) == 0 ? Padding.Same : Padding.Valid;
        int outH = Window2D.OutSize(padding, h, k, s, d), outW = Window2D.OutSize(padding, w, k, s, d);
        if (outH < minHeight || outW < 1)
        {
            (k, s, d, padding, outH, outW) = (1, 1, 1, Padding.Valid, h, w);
        }
        var kind = random.Next(3);
        var outC = kind == 0 ? random.Next(1, 6) : c;
        if (kind == 2)
        {
            (outH, outW) = (Window2D.OutSize(padding, h, k, s, 1), Window2D.OutSize(padding, w, k, s, 1));
            if (outH < minHeight || outW < 1)
            {
                (k, s, padding, outH, outW) = (1, 1, Padding.Valid, h, w);
            }
        }
        var output = b.Activation($"t{i}", DataType.Int8, [1, outH, outW, outC], kind == 2 ? b.Tensors[input].Quantization : Q(0.05f, random.Next(-128, 128)));
        if (kind == 0)
        {
            b.AddOperator(OpKind.Conv2D, [input, Weights(b, random, $"w{i}", [outC, k, k, c])], [output], new Conv2DOptions(padding, s, s, d, d, Activation.None));
        }
        else if (kind == 1)
        {
            b.AddOperator(OpKind.DepthwiseConv2D, [input, Weights(b, random, $"w{i}", [1, k, k, c])], [output],
                new DepthwiseConv2DOptions(padding, s, s, d, d, 1, Activation.Relu));
        }
        else
        {
            b.AddOperator(random.Next(2) == 0 ? OpKind.AveragePool2D : OpKind.MaxPool2D, [input], [output], new Pool2DOptions(padding, s, s, k, k, Activation.None));
        }
        return (output, outH, outW, outC);
    }

    /// <summary>A constant int8 tensor of random weights (scale 0.01).</summary>
    public static int Weights(GraphBuilder b, Random random, string name, int[] shape) =>
        b.Constant(name, DataType.Int8, shape, Enumerable.Range(0, shape.Aggregate(1, (x, y) => x * y)).Select(_ => (sbyte)random.Next(-127, 128)).ToArray(), Q(0.01f, 0));
}
