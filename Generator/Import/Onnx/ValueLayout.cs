namespace MicroGen.Import.Onnx;

/// <summary>How an IR tensor's bytes hold an ONNX value.</summary>
internal enum ValueLayout
{
    /// <summary>Elements in ONNX order; the IR tensor's shape may differ from the ONNX shape (a pending reshape).</summary>
    Plain,

    /// <summary>An ONNX [N,C,H,W] value held as an IR [N,H,W,C] tensor.</summary>
    Nhwc,

    /// <summary>
    /// An ONNX value reshaped from an NCHW one (Flatten, Reshape) whose IR tensor is still the [N,H,W,C] one:
    /// the ONNX element order is the NCHW order of that tensor.
    /// </summary>
    FlattenedNhwc,
}
