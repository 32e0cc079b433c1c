using MicroGen.Ops.Mul;
using MicroGen.Reference.FixedPoint;

namespace MicroGen.Reference.Kernels;

/// <summary>
/// MUL reference kernels: TFLM's reference_integer_ops::MulElementwise / BroadcastMul6DSlow for int8 and int16
/// (int32 product of the offset inputs, double-rounding MultiplyByQuantizedMultiplier) and reference_ops::Mul for float.
/// </summary>
public static class MulKernels
{
    public static void QuantizedInt8(MulData d, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new Int8Function(d));

    public static void QuantizedInt16(MulData d, ReadOnlySpan<short> input1, ReadOnlySpan<short> input2, Span<short> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new Int16Function(d));

    public static void Float(MulData d, ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, Span<float> output) =>
        BroadcastKernels.Apply(input1, d.Input1View, input2, d.Input2View, output, new FloatFunction(d.FloatActivationMin, d.FloatActivationMax));

    /// <summary>
    /// One quantized element. Bounds: offset int8 inputs are at most 255 in magnitude (product below 2^16); int16
    /// inputs have zero point 0, so the product is at most 2^30. Both fit the int32 MultiplyByQuantizedMultiplier.
    /// </summary>
    public static int Compute(MulData d, int x, int y)
    {
        var product = (d.Input1Offset + x) * (d.Input2Offset + y);
        var result = d.OutputOffset + FixedPointMath.MultiplyByQuantizedMultiplier(product, d.OutputMultiplier, d.OutputShift);
        return Math.Min(d.ActivationMax, Math.Max(d.ActivationMin, result));
    }

    private readonly struct Int8Function(MulData d) : IBinaryFunction<sbyte>
    {
        public sbyte Apply(sbyte left, sbyte right) => (sbyte)Compute(d, left, right);
    }

    private readonly struct Int16Function(MulData d) : IBinaryFunction<short>
    {
        public short Apply(short left, short right) => (short)Compute(d, left, right);
    }

    private readonly struct FloatFunction(float min, float max) : IBinaryFunction<float>
    {
        public float Apply(float left, float right) => FloatActivation.Clamp(left * right, min, max);
    }
}
