using System.Runtime.InteropServices;

namespace MicroGen.Reference.Kernels;

/// <summary>Typed views of raw tensor bytes (little-endian, as the interpreter stores them).</summary>
public static class ElementSpans
{
    public static ReadOnlySpan<T> As<T>(ReadOnlySpan<byte> bytes) where T : unmanaged => MemoryMarshal.Cast<byte, T>(bytes);

    public static Span<T> As<T>(Span<byte> bytes) where T : unmanaged => MemoryMarshal.Cast<byte, T>(bytes);
}
