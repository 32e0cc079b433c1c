using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>
/// A compute node not emitted yet, so that a following Relu or Clip folds into it and, when its inputs are
/// dequantized (<see cref="Quantized"/>), the following QuantizeLinear gives its output quantization (QDQ form).
/// </summary>
internal sealed record PendingOp(ComputePlan Plan, Activation Activation, bool Quantized);
