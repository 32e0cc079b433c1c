using MicroGen.Ir;

namespace MicroGen.Ops.Dequantize;

/// <summary>DEQUANTIZE after Prepare: output = (float)(Scale * (q - ZeroPoint)) with Scale widened to double.</summary>
public sealed record DequantizeData(int Input, int Output, DataType InputType, double Scale, int ZeroPoint);
