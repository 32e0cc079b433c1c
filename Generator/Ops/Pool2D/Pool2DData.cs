using MicroGen.Ir;
using MicroGen.Ops.Common;

namespace MicroGen.Ops.Pool2D;

/// <summary>AVERAGE_POOL_2D / MAX_POOL_2D after Prepare. Quantized pooling keeps the input's scale and zero point.</summary>
public sealed record Pool2DData(
    OpKind Kind, int Input, int Output, DataType Type,
    int Batches, int Depth, Window2D Window,
    int ActivationMin, int ActivationMax,
    float FloatActivationMin, float FloatActivationMax);
