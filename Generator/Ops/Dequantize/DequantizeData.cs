using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Dequantize;

/// <summary>DEQUANTIZE after Prepare: output = (float)(Scale * (q - ZeroPoint)) with Scale widened to double Walk (null: the whole tensor) is how a patch of a patch-based stage reads its input rectangle.</summary>
public sealed record DequantizeData(int Input, int Output, DataType InputType, double Scale, int ZeroPoint, ElementwiseWalk? Walk = null);
