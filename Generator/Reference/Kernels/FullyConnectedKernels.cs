using MicroGen.Ops.FullyConnected;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>FULLY_CONNECTED reference kernels: TFLM's reference_integer_ops FullyConnected / FullyConnectedPerChannel and the float kernel.</summary>
public static class FullyConnectedKernels
{
    /// <summary>
    /// int8: acc = Σ (filter + filterOffset) * (input + inputOffset) + bias, requantized per unit. With a zero filter
    /// offset each term is at most 127 * 255, so 2^16 terms fit int32 (TFLM's own bound).
    /// </summary>
    public static void FullyConnected(FullyConnectedData d, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter,
        ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        for (var b = 0; b < d.Batches; b++)
        {
            var inputRow = input.Slice(b * d.AccumDepth, d.AccumDepth);
            for (var unit = 0; unit < d.OutputDepth; unit++)
            {
                var filterRow = filter.Slice(unit * d.AccumDepth, d.AccumDepth);
                int acc;
                if (d.FilterOffset == 0)
                {
                    acc = DotProduct.WithInputOffset(inputRow, filterRow, d.InputOffset);
                }
                else
                {
                    acc = 0;
                    for (var i = 0; i < d.AccumDepth; i++)
                    {
                        acc += (filterRow[i] + d.FilterOffset) * (inputRow[i] + d.InputOffset);
                    }
                }
                if (!bias.IsEmpty)
                {
                    acc += bias[unit];
                }
                acc = FixedPointMath.MultiplyByQuantizedMultiplier(acc, d.OutputMultiplier[unit], d.OutputShift[unit]);
                acc += d.OutputOffset;
                output[unit + d.OutputDepth * b] = (sbyte)Math.Min(Math.Max(acc, d.ActivationMin), d.ActivationMax);
            }
        }
    }

    /// <summary>float32: products summed in float in index order, bias added, clamped.</summary>
    public static void FullyConnectedFloat(FullyConnectedData d, ReadOnlySpan<float> input, ReadOnlySpan<float> filter,
        ReadOnlySpan<float> bias, Span<float> output)
    {
        for (var b = 0; b < d.Batches; b++)
        {
            for (var unit = 0; unit < d.OutputDepth; unit++)
            {
                var total = 0f;
                for (var i = 0; i < d.AccumDepth; i++)
                {
                    total += input[b * d.AccumDepth + i] * filter[unit * d.AccumDepth + i];
                }
                var biasValue = bias.IsEmpty ? 0f : bias[unit];
                output[unit + d.OutputDepth * b] = FloatActivation.Clamp(total + biasValue, d.FloatActivationMin, d.FloatActivationMax);
            }
        }
    }
}
