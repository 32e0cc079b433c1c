using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>Constant weights and biases of Conv / Gemm / MatMul, float or quantized.</summary>
internal sealed partial class OnnxGraphConverter
{
    private static void RequireConstantOperand(OnnxNodeView node, OnnxValue v, string role)
    {
        var constant = v.Form == ValueForm.Constant || (v.Form == ValueForm.Dequantized && v.Source!.Form == ValueForm.Constant);
        if (!constant)
        {
            throw node.Unsupported($"{role} '{OnnxText.OneLine(v.Name, 80)}' must be a constant (an initializer, possibly through DequantizeLinear)");
        }
    }

    private double[] FloatWeights(OnnxNodeView node, OnnxValue w) => FloatForm(node, w).Constant!.Values;

    /// <summary>Int8 weights with zero points folded (unless a per-tensor zero point may be kept).</summary>
    private static QuantizedWeights QuantizedWeightsOf(OnnxNodeView node, OnnxValue w, bool keepTensorZeroPoint)
    {
        if (w.Form != ValueForm.Dequantized || w.Source!.Constant is not { } c || c.Type is not (DataType.Int8 or DataType.UInt8))
        {
            throw node.Unsupported($"weights '{OnnxText.OneLine(w.Name, 80)}' must be int8 or uint8 through DequantizeLinear when the input is quantized");
        }
        var q = w.Quant!;
        var shift = c.Type == DataType.UInt8 ? 128 : 0;
        var zeros = q.IrZeroPoints;
        var values = c.Values.Select(v => v - shift).ToArray();
        if (q.IsPerTensor && keepTensorZeroPoint)
        {
            return new QuantizedWeights(values, c.Shape, q.Scales, 0, zeros[0]);
        }
        if (zeros.Any(z => z != 0))
        {
            for (var i = 0; i < values.Length; i++)
            {
                var folded = values[i] - zeros[q.IsPerTensor ? 0 : ChannelOf(i, c.Shape, q.Axis)];
                if (folded < -128 || folded > 127)
                {
                    throw node.Unsupported(
                        $"weights '{OnnxText.OneLine(w.Name, 80)}' have non-zero zero points that cannot be folded into int8 values (TFLite filters are symmetric): quantize the weights symmetrically");
                }
                values[i] = folded;
            }
        }
        return new QuantizedWeights(values, c.Shape, q.Scales, q.Axis, 0);
    }

    /// <summary>
    /// int32 bias at scale input_scale * weight_scale[c] (the product in float32, as TFLite's converter forms it):
    /// an int32 DequantizeLinear bias at that scale is taken as it is, otherwise rescaled; a float bias is quantized.
    /// </summary>
    private int QuantizedBias(OnnxNodeView node, OnnxValue? b, float inputScale, QuantizedWeights w, int channels, float biasMultiplier, string name)
    {
        if (b is null)
        {
            return -1;
        }
        RequireConstantOperand(node, b, "bias");
        var expected = Enumerable.Range(0, w.IsPerChannel ? channels : 1).Select(c => inputScale * w.ScaleOf(c)).ToArray();
        double[] raw;
        Func<int, double> scaleOf;
        if (b.Form == ValueForm.Dequantized && b.Source!.Constant!.Type == DataType.Int32)
        {
            var q = b.Quant!;
            raw = b.Source.Constant.Values.Select((v, i) => v - q.ZeroPoints[q.IsPerTensor ? 0 : ChannelOf(i, b.Shape, q.Axis)]).ToArray();
            scaleOf = i => q.Scales[q.IsPerTensor ? 0 : ChannelOf(i, b.Shape, q.Axis)] * (double)biasMultiplier;
        }
        else if (b.Form == ValueForm.Constant && b.Constant!.Type == DataType.Float32)
        {
            raw = b.Constant.Values;
            scaleOf = _ => biasMultiplier;
        }
        else
        {
            throw node.Unsupported($"bias '{OnnxText.OneLine(b.Name, 80)}' must be float32, or int32 through DequantizeLinear");
        }
        if (raw.Length != channels)
        {
            throw node.Unsupported($"bias '{OnnxText.OneLine(b.Name, 80)}' has {raw.Length} values, expected {channels}");
        }
        var values = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            var e = (double)expected[w.IsPerChannel ? c : 0];
            var s = scaleOf(c);
            var v = Math.Abs(s - e) <= 1e-6 * e ? raw[c] : Math.Round(raw[c] * s / e, MidpointRounding.ToEven);
            values[c] = (int)Math.Clamp(v, int.MinValue, int.MaxValue);
        }
        var quantization = new Quantization(expected, new long[expected.Length], 0);
        return _draft.AddConstant(name, DataType.Int32, [channels], values, quantization);
    }

    /// <summary>The IR form of weights per channel: scales, zero points 0 (or the kept one), along the IR axis.</summary>
    private static Quantization WeightQuantization(QuantizedWeights w, int irAxis) =>
        new(w.Scales, w.IsPerChannel ? new long[w.Scales.Length] : [w.ZeroPoint], w.IsPerChannel ? irAxis : 0);
}
