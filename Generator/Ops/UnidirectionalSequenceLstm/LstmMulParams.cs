namespace MicroGen.Ops.UnidirectionalSequenceLstm;

/// <summary>
/// An integer LSTM elementwise product of two symmetric int16 operands (TFLite ArithmeticParams with zero input
/// offsets): the requantization of the product and the output offset and clamp.
/// </summary>
public sealed record LstmMulParams(int OutputOffset, int Multiplier, int Shift, int ActivationMin, int ActivationMax);
