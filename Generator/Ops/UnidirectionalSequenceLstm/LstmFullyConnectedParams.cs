namespace MicroGen.Ops.UnidirectionalSequenceLstm;

/// <summary>
/// One of an integer LSTM gate's two fully connected products (TFLite FullyConnectedParams): offsets added to the
/// activations and weights, the requantization to the gate's Q3.12 scale, and the int16 clamp.
/// </summary>
public sealed record LstmFullyConnectedParams(
    int InputOffset, int WeightsOffset, int OutputOffset,
    int Multiplier, int Shift,
    int ActivationMin, int ActivationMax);
