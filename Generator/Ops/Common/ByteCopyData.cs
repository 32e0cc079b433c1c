namespace MicroGen.Ops.Common;

/// <summary>
/// RESHAPE, SQUEEZE and EXPAND_DIMS after Prepare: the output is the input's bytes unchanged (a memcpy in TFLM;
/// the planner may alias the two tensors instead).
/// </summary>
public sealed record ByteCopyData(int Input, int Output, int ByteCount);
