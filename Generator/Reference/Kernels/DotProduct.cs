using System.Numerics;
using System.Runtime.InteropServices;

namespace MicroGen.Reference.Kernels;

/// <summary>Integer dot products for the reference kernels. Exact: int32 arithmetic wraps the same in any order.</summary>
public static class DotProduct
{
    /// <summary>Σ filter[i] * (input[i] + inputOffset), computed as Σ filter*input + inputOffset * Σ filter.</summary>
    public static int WithInputOffset(ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter, int inputOffset)
    {
        var products = 0;
        var filterSum = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && input.Length >= Vector<sbyte>.Count)
        {
            var accumulator = Vector<int>.Zero;
            var sums = Vector<int>.Zero;
            var inputVectors = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(input);
            var filterVectors = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(filter);
            for (var v = 0; v < inputVectors.Length; v++)
            {
                Vector.Widen(inputVectors[v], out var inLow, out var inHigh);
                Vector.Widen(filterVectors[v], out var fLow, out var fHigh);
                Accumulate(inLow * fLow, ref accumulator);
                Accumulate(inHigh * fHigh, ref accumulator);
                Accumulate(fLow + fHigh, ref sums);
            }
            products = Vector.Sum(accumulator);
            filterSum = Vector.Sum(sums);
            i = inputVectors.Length * Vector<sbyte>.Count;
        }
        for (; i < input.Length; i++)
        {
            products += input[i] * filter[i];
            filterSum += filter[i];
        }
        return unchecked(products + inputOffset * filterSum);
    }

    // int8 x int8 products are at most 2^14 in magnitude, so an int16 lane holds one product or one sum of two filters.
    private static void Accumulate(Vector<short> values, ref Vector<int> accumulator)
    {
        Vector.Widen(values, out var low, out var high);
        accumulator += low + high;
    }
}
