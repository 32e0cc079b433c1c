namespace MicroGen.Import.Onnx;

/// <summary>What an ONNX value is once imported.</summary>
internal enum ValueForm
{
    /// <summary>An IR tensor (float32, int8 quantized, int32) seen through a <see cref="ValueLayout"/>.</summary>
    Tensor,

    /// <summary>A constant known at import time.</summary>
    Constant,

    /// <summary>The output of DequantizeLinear: a quantized tensor or constant with its parameters, not yet converted.</summary>
    Dequantized,

    /// <summary>A float operator on dequantized inputs whose output quantization the next QuantizeLinear will give.</summary>
    Pending,
}
