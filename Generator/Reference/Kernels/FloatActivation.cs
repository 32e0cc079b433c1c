namespace MicroGen.Reference.Kernels;

/// <summary>
/// TFLite's ActivationFunctionWithMinMax for float: std::min(std::max(x, min), max) with the std semantics
/// (max(a, b) = a &lt; b ? b : a; min(a, b) = b &lt; a ? b : a). Math.Max/MathF.Max differ on signed zeros
/// (they return +0 for max(-0, +0); std::max returns its first argument -0), so they are not used here.
/// NaN passes through unchanged, as in C++.
/// </summary>
public static class FloatActivation
{
    public static float Clamp(float value, float min, float max)
    {
        var lowerBounded = value < min ? min : value;
        return max < lowerBounded ? max : lowerBounded;
    }
}
