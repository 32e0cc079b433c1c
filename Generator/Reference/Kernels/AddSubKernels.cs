using MicroGen.Ops.AddSub;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// ADD / SUB reference kernels: TFLM's reference_integer_ops::AddFunc / reference_ops::BroadcastQuantSubSlow for
/// int8 and int16 (the same general path for both, with left shift 20 or 15), and reference_ops::Add / Sub for float.
/// </summary>
public static class AddSubKernels
{
    public static void QuantizedInt8(AddSubData d, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new Int8Function(d.Quantization!, d.IsSubtraction));

    public static void QuantizedInt16(AddSubData d, ReadOnlySpan<short> input1, ReadOnlySpan<short> input2, Span<short> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new Int16Function(d.Quantization!, d.IsSubtraction));

    public static void Float(AddSubData d, ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, Span<float> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output,
            new FloatFunction(d.IsSubtraction, d.FloatActivationMin, d.FloatActivationMax));

    /// <summary>
    /// One quantized element. Accumulator bounds: an offset input is at most 255 (int8) or 65535 (int16) in magnitude,
    /// so the left-shifted value stays below 2^28 (int8, shift 20) or 2^31 (int16, shift 15); the scaled inputs are at
    /// most half of that each, so their sum or difference fits in int32.
    /// </summary>
    public static int Compute(AddSubQuantization q, bool isSubtraction, int x, int y)
    {
        var shifted1 = (q.Input1Offset + x) * (1 << q.LeftShift);
        var shifted2 = (q.Input2Offset + y) * (1 << q.LeftShift);
        var scaled1 = FixedPointMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(shifted1, q.Input1Multiplier, q.Input1Shift);
        var scaled2 = FixedPointMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(shifted2, q.Input2Multiplier, q.Input2Shift);
        var raw = isSubtraction ? scaled1 - scaled2 : scaled1 + scaled2;
        var result = FixedPointMath.MultiplyByQuantizedMultiplierSmallerThanOneExp(raw, q.OutputMultiplier, q.OutputShift) + q.OutputOffset;
        return Math.Min(q.ActivationMax, Math.Max(q.ActivationMin, result));
    }

    private readonly struct Int8Function(AddSubQuantization q, bool isSubtraction) : IBinaryFunction<sbyte>
    {
        public sbyte Apply(sbyte left, sbyte right) => (sbyte)Compute(q, isSubtraction, left, right);
    }

    private readonly struct Int16Function(AddSubQuantization q, bool isSubtraction) : IBinaryFunction<short>
    {
        public short Apply(short left, short right) => (short)Compute(q, isSubtraction, left, right);
    }

    private readonly struct FloatFunction(bool isSubtraction, float min, float max) : IBinaryFunction<float>
    {
        public float Apply(float left, float right) =>
            FloatActivation.Clamp(isSubtraction ? left - right : left + right, min, max);
    }
}
