namespace MicroGen.Import.Onnx;

/// <summary>
/// Constant int8 weights in ONNX layout, zero points already folded into the values (TFLite kernels take symmetric
/// filters) unless <see cref="ZeroPoint"/> is kept (per-tensor, for FULLY_CONNECTED), with their scales and ONNX axis.
/// </summary>
internal sealed record QuantizedWeights(double[] Values, int[] Shape, float[] Scales, int Axis, long ZeroPoint)
{
    public bool IsPerChannel => Scales.Length > 1;

    public float ScaleOf(int channel) => Scales[IsPerChannel ? channel : 0];
}
