namespace MicroGen.Ops.Common;

/// <summary>
/// How an elementwise unary kernel walks its tensors: <see cref="Rows"/> rows of <see cref="RowElements"/> elements;
/// input row r starts at element <see cref="InputOffset"/> + r * <see cref="InputRowStride"/>, output rows are
/// contiguous. A whole tensor is one row; in a patch stage, an input buffer holding a larger rectangle than the
/// output patch (another consumer needs a halo) is read through a window.
/// </summary>
public sealed record ElementwiseWalk(int Rows, int RowElements, int InputOffset, int InputRowStride)
{
    /// <summary>One row of <paramref name="elements"/> elements from the start of the input.</summary>
    public static ElementwiseWalk Whole(long elements) => new(1, checked((int)elements), 0, checked((int)elements));
}
