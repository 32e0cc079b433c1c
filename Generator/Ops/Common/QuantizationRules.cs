using MicroGen.Ir;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Ops.Common;

/// <summary>TFLite's Prepare-time quantization arithmetic (kernel_util.cc), shared by the operator definitions.</summary>
public static class QuantizationRules
{
    /// <summary>CalculateActivationRangeQuantized: the clamp bounds of a fused activation on a quantized output.</summary>
    public static (int Min, int Max) ActivationRange(OpContext ctx, Activation activation, Tensor output)
    {
        var (qmin, qmax) = output.Type switch
        {
            DataType.Int8 => (sbyte.MinValue, (int)sbyte.MaxValue),
            DataType.UInt8 => (byte.MinValue, byte.MaxValue),
            DataType.Int16 => (short.MinValue, (int)short.MaxValue),
            _ => throw ctx.Fail(output, "is not a quantized type"),
        };
        var q = output.Quantization ?? throw ctx.Fail(output, "has no quantization parameters");
        int Quantize(float f)
        {
            var scaled = MathF.Round(f / q.Scale, MidpointRounding.AwayFromZero);
            if (!(scaled >= int.MinValue && scaled <= int.MaxValue))
            {
                throw ctx.Fail(output, $"activation bound {f} does not quantize to an int32 with scale {q.Scale}");
            }
            return q.ZeroPoint + (int)scaled;
        }
        return activation switch
        {
            Activation.None => (qmin, qmax),
            Activation.Relu => (Math.Max(qmin, Quantize(0f)), qmax),
            Activation.Relu6 => (Math.Max(qmin, Quantize(0f)), Math.Min(qmax, Quantize(6f))),
            Activation.ReluN1To1 => (Math.Max(qmin, Quantize(-1f)), Math.Min(qmax, Quantize(1f))),
            _ => throw ctx.Fail($"fused activation {activation} is not supported on quantized outputs"),
        };
    }

    /// <summary>CalculateActivationRange for float outputs.</summary>
    public static (float Min, float Max) FloatActivationRange(OpContext ctx, Activation activation) => activation switch
    {
        Activation.None => (float.MinValue, float.MaxValue),
        Activation.Relu => (0f, float.MaxValue),
        Activation.Relu6 => (0f, 6f),
        Activation.ReluN1To1 => (-1f, 1f),
        _ => throw ctx.Fail($"fused activation {activation} is not supported"),
    };

    /// <summary>
    /// PopulateConvolutionQuantizationParams: per output channel, input_scale * filter_scale[c] / output_scale in double,
    /// as multiplier and shift. A per-tensor filter scale is broadcast to every channel.
    /// </summary>
    public static QuantizedMultiplier[] PerChannelMultipliers(Tensor input, Tensor filter, Tensor output, int channels)
    {
        var inputScale = (double)input.Quantization!.Scale;
        var outputScale = (double)output.Quantization!.Scale;
        var scales = filter.Quantization!.Scales;
        var result = new QuantizedMultiplier[channels];
        for (var c = 0; c < channels; c++)
        {
            var filterScale = (double)(scales.Length > 1 ? scales[c] : scales[0]);
            result[c] = QuantizedMultiplier.FromDouble(inputScale * filterScale / outputScale);
        }
        return result;
    }

    /// <summary>GetQuantizedConvolutionMultipler (per-tensor): the scale product is formed in float, then divided in double.</summary>
    public static QuantizedMultiplier PerTensorMultiplier(Tensor input, Tensor filter, Tensor output)
    {
        var product = (double)(input.Quantization!.Scale * filter.Quantization!.Scale);
        return QuantizedMultiplier.FromDouble(product / output.Quantization!.Scale);
    }
}
