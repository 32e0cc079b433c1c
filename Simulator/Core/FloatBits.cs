namespace MicroGen.Simulator.Core;

/// <summary>Single-precision bit-pattern helpers and the FPSCR cumulative exception bits.</summary>
internal static class FloatBits
{
    public const uint DefaultNaN = 0x7FC0_0000;
    public const uint InvalidOperation = 1u << 0;
    public const uint DivideByZero = 1u << 1;
    public const uint Overflow = 1u << 2;
    public const uint Underflow = 1u << 3;
    public const uint Inexact = 1u << 4;
    public const uint InputDenormal = 1u << 7;

    public static float ToSingle(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    public static uint ToBits(float value) => BitConverter.SingleToUInt32Bits(value);

    public static bool IsNaN(uint bits) => (bits & 0x7FFF_FFFF) > 0x7F80_0000;

    public static bool IsQuietNaN(uint bits) => IsNaN(bits) && (bits & 0x0040_0000) != 0;

    public static bool IsSignalingNaN(uint bits) => IsNaN(bits) && (bits & 0x0040_0000) == 0;

    public static bool IsDenormal(uint bits) => (bits & 0x7F80_0000) == 0 && (bits & 0x007F_FFFF) != 0;

    public static bool IsInfinity(uint bits) => (bits & 0x7FFF_FFFF) == 0x7F80_0000;

    public static bool IsZero(uint bits) => (bits & 0x7FFF_FFFF) == 0;
}
