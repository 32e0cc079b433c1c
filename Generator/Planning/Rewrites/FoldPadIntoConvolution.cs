using System.Runtime.InteropServices;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Ops;
using MicroGen.Ops.Common;

namespace MicroGen.Planning.Rewrites;

/// <summary>
/// Removes a PAD whose only reader is a convolution (CONV_2D or DEPTHWISE_CONV_2D) by giving the convolution the padding
/// explicitly. Exact: the PAD writes the zero point, whose contribution filter * (zero_point + input_offset) is 0, which
/// is what a convolution's own padding contributes; it requires the PAD to pad only height and width, with its input
/// and output quantized alike and no other value than the zero point. The padded tensor disappears from the arena.
/// </summary>
public static class FoldPadIntoConvolution
{
    public static Graph Apply(Graph graph)
    {
        var consumers = graph.Tensors.Select(t => graph.Operators.Where(o => o.Inputs.Contains(t.Index)).ToList()).ToArray();
        var removed = new HashSet<int>();
        var replaced = new Dictionary<int, Operator>();
        foreach (var pad in graph.Operators.Where(o => o.Kind == OpKind.Pad))
        {
            var padded = pad.Outputs[0];
            if (graph.Outputs.Contains(padded) || consumers[padded].Count != 1 || pad.Inputs.Length != 2)
            {
                continue;
            }
            var conv = replaced.GetValueOrDefault(consumers[padded][0].Index, consumers[padded][0]);
            var input = graph.Tensors[pad.Inputs[0]];
            var paddings = graph.Tensors[pad.Inputs[1]];
            if (conv.Kind is not (OpKind.Conv2D or OpKind.DepthwiseConv2D) || conv.Inputs[0] != padded
                || input.Type != DataType.Int8 || input.Shape.Length != 4 || paddings.Data is null
                || !Equals(input.Quantization, graph.Tensors[padded].Quantization))
            {
                continue;
            }
            var counts = paddings.Type == DataType.Int64
                ? MemoryMarshal.Cast<byte, long>(paddings.Data.Span).ToArray().Select(v => (int)v).ToArray()
                : MemoryMarshal.Cast<byte, int>(paddings.Data.Span).ToArray();
            if (counts.Length != 8 || counts[0] != 0 || counts[1] != 0 || counts[6] != 0 || counts[7] != 0)
            {
                continue;
            }
            var folded = Fold(graph, conv, input, counts[2], counts[3], counts[4], counts[5]);
            if (folded is null)
            {
                continue;
            }
            replaced[conv.Index] = folded;
            removed.Add(pad.Index);
        }
        if (removed.Count == 0)
        {
            return graph;
        }
        var operators = graph.Operators.Where(o => !removed.Contains(o.Index))
            .Select((o, i) => (replaced.GetValueOrDefault(o.Index, o)) with { Index = i, Source = o.Number })
            .ToArray();
        return graph with { Operators = operators };
    }

    /// <summary>The convolution reading <paramref name="input"/> directly, with the PAD's rows and columns added to its own padding.</summary>
    private static Operator? Fold(Graph graph, Operator conv, Tensor input, int top, int bottom, int left, int right)
    {
        var padded = graph.Tensors[conv.Inputs[0]];
        var filter = graph.Tensors[conv.Inputs[1]];
        var (padding, strideH, strideW, dilationH, dilationW, existing) = conv.Options switch
        {
            Conv2DOptions c => (c.Padding, c.StrideH, c.StrideW, c.DilationH, c.DilationW, c.Explicit),
            DepthwiseConv2DOptions d => (d.Padding, d.StrideH, d.StrideW, d.DilationH, d.DilationW, d.Explicit),
            _ => throw new InvalidOperationException("not a convolution"),
        };
        if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0)
        {
            return null;
        }
        // The convolution's own padding on the padded size, then the PAD's on top.
        int ownTop, ownLeft, ownBottom, ownRight;
        if (existing is { } e)
        {
            (ownTop, ownBottom, ownLeft, ownRight) = (e.Top, e.Bottom, e.Left, e.Right);
        }
        else
        {
            (ownTop, ownBottom) = Sides(padding, padded.Shape[1], filter.Shape[1], strideH, dilationH);
            (ownLeft, ownRight) = Sides(padding, padded.Shape[2], filter.Shape[2], strideW, dilationW);
        }
        var pads = new ExplicitPadding(ownTop + top, ownBottom + bottom, ownLeft + left, ownRight + right);
        OperatorOptions options = conv.Options switch
        {
            Conv2DOptions c => c with { Explicit = pads },
            DepthwiseConv2DOptions d => d with { Explicit = pads },
            _ => conv.Options,
        };
        var inputs = conv.Inputs.Items.ToArray();
        inputs[0] = input.Index;
        return conv with { Inputs = inputs, Options = options };
    }

    private static (int Before, int After) Sides(Padding padding, int size, int filter, int stride, int dilation)
    {
        var outSize = Window2D.OutSize(padding, size, filter, stride, dilation);
        var effective = (filter - 1) * dilation + 1;
        var total = Math.Max(0, (outSize - 1) * stride + effective - size);
        return (total / 2, total - total / 2);
    }
}
