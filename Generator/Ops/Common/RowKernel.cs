namespace MicroGen.Ops.Common;

/// <summary>A reference kernel applied to one row of an elementwise walk: the input row and the output row.</summary>
public delegate void RowKernel<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output);
