using System.Numerics;
using MicroGen.Ops.Prelu;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// PRELU reference kernels: TFLite's reference_ops::BroadcastPrelu4DSlow (quantized) and TFLM's
/// BroadcastPrelu4DSlowFloat. Each output element depends only on its own input and alpha elements, so the traversal
/// order (row-major here) does not affect the result.
/// </summary>
public static class PreluKernels
{
    /// <summary>
    /// int8/int16 input, int8 alpha: non-negative (input - zero point) rescaled by multiplier 1; negative ones multiplied
    /// by (alpha - alpha zero point) and rescaled by multiplier 2; plus the output zero point, clamped.
    /// The product fits int32: |input - zero point| &lt;= 65535 and |alpha - zero point| &lt;= 255.
    /// </summary>
    public static void PreluQuantized<T>(PreluData d, ReadOnlySpan<T> input, ReadOnlySpan<sbyte> alpha, Span<T> output)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var min = int.CreateTruncating(T.MinValue);
        var max = int.CreateTruncating(T.MaxValue);
        var walker = new BroadcastWalker(d);
        for (var i = 0; i < output.Length; i++)
        {
            var inputValue = d.InputOffset + int.CreateTruncating(input[walker.InputIndex]);
            int value;
            if (inputValue >= 0)
            {
                value = FixedPointMath.MultiplyByQuantizedMultiplier(inputValue, d.Multiplier1, d.Shift1);
            }
            else
            {
                var alphaValue = d.AlphaOffset + alpha[walker.AlphaIndex];
                value = FixedPointMath.MultiplyByQuantizedMultiplier(inputValue * alphaValue, d.Multiplier2, d.Shift2);
            }
            value += d.OutputOffset;
            output[i] = T.CreateTruncating(Math.Min(max, Math.Max(min, value)));
            walker.Next();
        }
    }

    /// <summary>float32: x &gt;= 0 ? x : x * alpha.</summary>
    public static void PreluFloat(PreluData d, ReadOnlySpan<float> input, ReadOnlySpan<float> alpha, Span<float> output)
    {
        var walker = new BroadcastWalker(d);
        for (var i = 0; i < output.Length; i++)
        {
            var x = input[walker.InputIndex];
            output[i] = x >= 0.0f ? x : x * alpha[walker.AlphaIndex];
            walker.Next();
        }
    }

    /// <summary>Steps through the output in row-major order, tracking the matching input and alpha element indices.</summary>
    private ref struct BroadcastWalker
    {
        private readonly PreluData _data;
        private readonly Span<int> _position;

        public BroadcastWalker(PreluData data)
        {
            _data = data;
            _position = new int[data.OutputShape.Length];
            InputIndex = 0;
            AlphaIndex = 0;
        }

        public int InputIndex { get; private set; }

        public int AlphaIndex { get; private set; }

        public void Next()
        {
            for (var dim = _position.Length - 1; dim >= 0; dim--)
            {
                _position[dim]++;
                InputIndex += _data.InputStrides[dim];
                AlphaIndex += _data.AlphaStrides[dim];
                if (_position[dim] < _data.OutputShape[dim])
                {
                    return;
                }
                InputIndex -= _data.InputStrides[dim] * _data.OutputShape[dim];
                AlphaIndex -= _data.AlphaStrides[dim] * _data.OutputShape[dim];
                _position[dim] = 0;
            }
        }
    }
}
