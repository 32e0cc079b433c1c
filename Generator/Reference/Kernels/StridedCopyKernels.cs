namespace MicroGen.Reference.Kernels;

/// <summary>
/// The data-movement primitive behind TRANSPOSE, SLICE, STRIDED_SLICE, SPLIT, PACK, UNPACK, CONCATENATION and PAD:
/// copies every element of one strided view into the same position of another. Element values are copied bit for
/// bit (by element size), so one kernel serves every type.
/// </summary>
public static class StridedCopyKernels
{
    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/> (same shape), elements of <paramref name="elementSize"/> bytes.</summary>
    public static void Copy(ReadOnlySpan<byte> source, StridedView from, Span<byte> destination, StridedView to, int elementSize)
    {
        switch (elementSize)
        {
            case 1:
                Copy(source, from, destination, to);
                break;
            case 2:
                Copy(ElementSpans.As<ushort>(source), from, ElementSpans.As<ushort>(destination), to);
                break;
            case 4:
                Copy(ElementSpans.As<uint>(source), from, ElementSpans.As<uint>(destination), to);
                break;
            case 8:
                Copy(ElementSpans.As<ulong>(source), from, ElementSpans.As<ulong>(destination), to);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(elementSize), elementSize, "element size must be 1, 2, 4 or 8");
        }
    }

    /// <summary>Copies every element of <paramref name="from"/> to the same index of <paramref name="to"/>.</summary>
    public static void Copy<T>(ReadOnlySpan<T> source, StridedView from, Span<T> destination, StridedView to) where T : unmanaged
    {
        if (!from.Shape.AsSpan().SequenceEqual(to.Shape))
        {
            throw new ArgumentException($"view shapes differ: [{string.Join("x", from.Shape)}] and [{string.Join("x", to.Shape)}]");
        }
        var rank = from.Rank;
        if (rank == 0)
        {
            destination[to.Offset] = source[from.Offset];
            return;
        }
        if (from.ElementCount == 0)
        {
            return;
        }
        var shape = from.Shape;
        var inner = shape[rank - 1];
        var sourceInnerStride = from.Strides[rank - 1];
        var destinationInnerStride = to.Strides[rank - 1];
        var index = new int[rank];
        var sourceOffset = from.Offset;
        var destinationOffset = to.Offset;
        while (true)
        {
            if (sourceInnerStride == 1 && destinationInnerStride == 1)
            {
                source.Slice(sourceOffset, inner).CopyTo(destination.Slice(destinationOffset, inner));
            }
            else
            {
                for (var i = 0; i < inner; i++)
                {
                    destination[destinationOffset + i * destinationInnerStride] = source[sourceOffset + i * sourceInnerStride];
                }
            }
            // Odometer step over the outer dimensions.
            var d = rank - 2;
            for (; d >= 0; d--)
            {
                index[d]++;
                sourceOffset += from.Strides[d];
                destinationOffset += to.Strides[d];
                if (index[d] < shape[d])
                {
                    break;
                }
                sourceOffset -= shape[d] * from.Strides[d];
                destinationOffset -= shape[d] * to.Strides[d];
                index[d] = 0;
            }
            if (d < 0)
            {
                return;
            }
        }
    }

    /// <summary>Sets every element of <paramref name="destination"/> to the <paramref name="elementSize"/>-byte value <paramref name="value"/>.</summary>
    public static void Fill(Span<byte> destination, ReadOnlySpan<byte> value, int elementSize)
    {
        if (value.Length != elementSize)
        {
            throw new ArgumentException($"fill value has {value.Length} bytes, expected {elementSize}");
        }
        for (var i = 0; i + elementSize <= destination.Length; i += elementSize)
        {
            value.CopyTo(destination.Slice(i, elementSize));
        }
    }
}
