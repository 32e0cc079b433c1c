namespace MicroGen.Reference.Kernels;

/// <summary>
/// exp for float, identical on every platform, where the float kernels call std::exp (expf): the table-driven
/// algorithm of glibc's expf (and of newlib's newer one): x * 32 / ln 2 split into the nearest integer k and a remainder
/// r, 2^(k/32) from a 32-entry table, 2^(r/32) by a cubic polynomial, all in double, each operation rounded separately.
/// MathF.Exp is the platform's libm and is not the same everywhere: glibc on x86-64 CPUs with FMA fuses the
/// polynomial's multiply-adds (it then differs from this function on two of the 2^32 floats, by one ulp), and newlib on
/// Cortex-M without a double-precision FPU uses an older single-precision algorithm. The generated C calls Runtime.C's
/// mg_expf, the same arithmetic.
/// </summary>
public static class FloatExp
{
    /// <summary>2^(i/32) as IEEE doubles, each minus i &lt;&lt; 47 so that adding k &lt;&lt; 47 for k = 32 q + i gives 2^(k/32).</summary>
    private static ReadOnlySpan<ulong> Exp2Table =>
    [
        0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
        0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
        0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
        0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
        0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
        0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
        0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
        0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
    ];

    public static float Exp(float x)
    {
        var bits = BitConverter.SingleToUInt32Bits(x);
        if ((bits & 0x7FFFFFFFu) >= 0x42B00000u)
        {
            // |x| >= 88, infinite or NaN.
            if ((bits & 0x7FFFFFFFu) > 0x7F800000u)
            {
                // NaN: quieted, sign and payload kept (what x + x gives).
                return BitConverter.UInt32BitsToSingle(bits | 0x00400000u);
            }
            if (x > BitConverter.UInt32BitsToSingle(0x42B17217u))
            {
                // Above log(2^128) = 0x1.62e42ep6: +infinity (also for x = +infinity).
                return float.PositiveInfinity;
            }
            if (x < BitConverter.UInt32BitsToSingle(0xC2CFF1B4u))
            {
                // Below log(2^-150) = -0x1.9fe368p6: +0 (also for x = -infinity).
                return 0f;
            }
        }
        // x * 32 / ln 2 = k + r with k the nearest integer (ties to even, by adding 1.5 * 2^52) and |r| <= 1/2.
        var shift = BitConverter.UInt64BitsToDouble(0x4338000000000000);
        var z = BitConverter.UInt64BitsToDouble(0x40471547652b82fe) * x;
        var kd = z + shift;
        var ki = BitConverter.DoubleToUInt64Bits(kd);
        kd -= shift;
        var r = z - kd;
        // exp(x) = 2^(k/32) * 2^(r/32), the second factor ~ 1 + c2 r + c1 r^2 + c0 r^3.
        var scale = BitConverter.UInt64BitsToDouble(unchecked(Exp2Table[(int)(ki % 32)] + (ki << 47)));
        var c0 = BitConverter.UInt64BitsToDouble(0x3ebc6af84b912394);
        var c1 = BitConverter.UInt64BitsToDouble(0x3f2ebfce50fac4f3);
        var c2 = BitConverter.UInt64BitsToDouble(0x3f962e42ff0c52d6);
        var high = c0 * r + c1;
        var r2 = r * r;
        var y = c2 * r + 1.0;
        y = high * r2 + y;
        return (float)(y * scale);
    }
}
