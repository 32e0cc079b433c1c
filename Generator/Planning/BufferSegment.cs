namespace MicroGen.Planning;

/// <summary>
/// Part of a buffer that is in use for steps [First, Last] (inclusive) at bytes [Start, End) relative to the buffer's
/// base. A buffer holding tensors that share storage has one segment per tensor, so its footprint follows what is live.
/// </summary>
public readonly record struct BufferSegment(int First, int Last, long Start, long End);
