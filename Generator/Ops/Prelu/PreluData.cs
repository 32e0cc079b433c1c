using MicroGen.Ir;

namespace MicroGen.Ops.Prelu;

/// <summary>
/// PRELU after Prepare. OutputShape is the broadcast shape; InputStrides and AlphaStrides give, per output dimension,
/// the element stride of each operand (0 where it is broadcast). Quantized: non-negative inputs are rescaled by
/// Multiplier1 (input_scale / output_scale), negative ones times (alpha - alpha zero point) by Multiplier2
/// (input_scale * alpha_scale / output_scale).
/// </summary>
public sealed record PreluData(
    int Input, int Alpha, int Output, DataType Type,
    int[] OutputShape, int[] InputStrides, int[] AlphaStrides,
    int InputOffset, int AlphaOffset, int OutputOffset,
    int Multiplier1, int Shift1, int Multiplier2, int Shift2);
